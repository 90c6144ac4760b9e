/// Wireless observation: 802.11 management frames into BSS and client records, AP configurations (hostapd.conf) and client scans.
public enum WirelessModule {}
