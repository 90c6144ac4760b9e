/// libpcap sources: capture files (pcap, pcapng, stdin) and live interfaces.
import CPcap
public enum CaptureModule {}
