#ifndef NETAUDIT_COPENSSL_SHIM_H
#define NETAUDIT_COPENSSL_SHIM_H
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <openssl/evp.h>
#include <openssl/sha.h>
#include <openssl/bn.h>
#include <openssl/objects.h>
#include <openssl/asn1.h>

/* Function-like macros and compound constants do not import into Swift: wrapped here. */

static inline int cssl_SSL_CTX_set_min_proto_version(SSL_CTX *ctx, int version) {
    return (int)SSL_CTX_set_min_proto_version(ctx, version);
}
static inline int cssl_SSL_CTX_set_max_proto_version(SSL_CTX *ctx, int version) {
    return (int)SSL_CTX_set_max_proto_version(ctx, version);
}
static inline int cssl_SSL_set_tlsext_host_name(SSL *ssl, const char *name) {
    return (int)SSL_set_tlsext_host_name(ssl, name);
}
static inline int cssl_SSL_get_negotiated_group(SSL *ssl) {
    return (int)SSL_get_negotiated_group(ssl);
}
static inline uint64_t cssl_SSL_CTX_set_options(SSL_CTX *ctx, uint64_t options) {
    return SSL_CTX_set_options(ctx, options);
}
static const uint64_t cssl_SSL_OP_LEGACY_SERVER_CONNECT = SSL_OP_LEGACY_SERVER_CONNECT;
static const uint64_t cssl_SSL_OP_NO_RENEGOTIATION = SSL_OP_NO_RENEGOTIATION;
static const uint64_t cssl_SSL_OP_IGNORE_UNEXPECTED_EOF = SSL_OP_IGNORE_UNEXPECTED_EOF;

static inline long cssl_BIO_get_mem_data(BIO *bio, char **data) {
    return BIO_get_mem_data(bio, data);
}
static inline size_t cssl_BIO_ctrl_pending(BIO *bio) { return BIO_ctrl_pending(bio); }
static inline int cssl_BIO_set_mem_eof_return(BIO *bio, int value) {
    return (int)BIO_set_mem_eof_return(bio, value);
}

/* RFC 2253 distinguished names; the _UTF8 variant keeps UTF-8 as is instead of \XX escapes. */
static const unsigned long cssl_XN_FLAG_RFC2253 = XN_FLAG_RFC2253;
static const unsigned long cssl_XN_FLAG_RFC2253_UTF8 = XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB;

/* Stacks (sk_TYPE_* are generated inline functions with casts; typed wrappers are clearer). */
static inline STACK_OF(X509) *cssl_sk_X509_new_null(void) { return sk_X509_new_null(); }
static inline int cssl_sk_X509_push(STACK_OF(X509) *sk, X509 *x) { return sk_X509_push(sk, x); }
static inline int cssl_sk_X509_num(const STACK_OF(X509) *sk) { return sk_X509_num(sk); }
static inline X509 *cssl_sk_X509_value(const STACK_OF(X509) *sk, int i) { return sk_X509_value(sk, i); }
/* Frees the stack only (not the certificates). */
static inline void cssl_sk_X509_free(STACK_OF(X509) *sk) { sk_X509_free(sk); }
/* Frees the stack and every certificate in it. */
static inline void cssl_sk_X509_pop_free(STACK_OF(X509) *sk) { sk_X509_pop_free(sk, X509_free); }

/* subjectAltName as (type, bytes): type is GEN_DNS, GEN_IPADD, ...; NULL/0 when absent. */
static inline GENERAL_NAMES *cssl_X509_get_subject_alt_names(X509 *x) {
    return (GENERAL_NAMES *)X509_get_ext_d2i(x, NID_subject_alt_name, NULL, NULL);
}
static inline int cssl_GENERAL_NAMES_num(GENERAL_NAMES *names) { return sk_GENERAL_NAME_num(names); }
static inline int cssl_GENERAL_NAMES_type(GENERAL_NAMES *names, int i) {
    return sk_GENERAL_NAME_value(names, i)->type;
}
/* The IA5String (DNS, email, URI) or OCTET STRING (IP) of entry i; NULL for other kinds. */
static inline const ASN1_STRING *cssl_GENERAL_NAMES_string(GENERAL_NAMES *names, int i) {
    GENERAL_NAME *name = sk_GENERAL_NAME_value(names, i);
    switch (name->type) {
    case GEN_DNS: return name->d.dNSName;
    case GEN_IPADD: return name->d.iPAddress;
    case GEN_EMAIL: return name->d.rfc822Name;
    case GEN_URI: return name->d.uniformResourceIdentifier;
    default: return NULL;
    }
}
static inline void cssl_GENERAL_NAMES_free(GENERAL_NAMES *names) { GENERAL_NAMES_free(names); }

#endif
