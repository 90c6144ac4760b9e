/// Pure, zero-copy packet decoders.
public enum PacketsModule {}
