#!/usr/bin/python3
"""One DHCP DISCOVER/OFFER/REQUEST/ACK exchange with a hostname (option 12), for lab
clients (no dhclient/udhcpc on this machine). Prints the leased address. Lab use only:
run inside a lab namespace, never in the root namespace."""
import sys
from scapy.all import conf, Ether, IP, UDP, BOOTP, DHCP, srp1, RandInt, mac2str
conf.checkIPaddr = False
conf.verb = 0
iface, mac, host = sys.argv[1], sys.argv[2], sys.argv[3]
xid = int(RandInt())
prl = [1, 3, 6, 15, 31, 33, 43, 44, 46, 47, 119, 121, 249, 252]
base = Ether(src=mac, dst="ff:ff:ff:ff:ff:ff") / IP(src="0.0.0.0", dst="255.255.255.255") / UDP(sport=68, dport=67)
for attempt in range(4):
    offer = srp1(base / BOOTP(chaddr=mac2str(mac), xid=xid, flags=0x8000) /
                 DHCP(options=[("message-type", "discover"), ("hostname", host), ("param_req_list", prl), "end"]),
                 iface=iface, timeout=2)
    if offer is not None and BOOTP in offer:
        break
else:
    sys.exit("no DHCP offer")
yiaddr = offer[BOOTP].yiaddr
server = next(v for k, v, *_ in [o if isinstance(o, tuple) else (o, None) for o in offer[DHCP].options] if k == "server_id")
ack = srp1(base / BOOTP(chaddr=mac2str(mac), xid=xid, flags=0x8000) /
           DHCP(options=[("message-type", "request"), ("server_id", server), ("requested_addr", yiaddr),
                         ("hostname", host), ("param_req_list", prl), "end"]),
           iface=iface, timeout=3)
if ack is None or BOOTP not in ack:
    sys.exit("no DHCP ack")
print(ack[BOOTP].yiaddr)
