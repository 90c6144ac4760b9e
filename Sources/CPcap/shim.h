#ifndef NETAUDIT_CPCAP_SHIM_H
#define NETAUDIT_CPCAP_SHIM_H
#include <pcap/pcap.h>
#endif
