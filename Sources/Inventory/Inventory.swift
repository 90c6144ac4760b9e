/// Passive inventory observer.
public enum InventoryModule {}
