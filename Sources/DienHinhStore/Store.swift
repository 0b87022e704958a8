import DienHinhCore
/// SQLite persistence.
public enum DienHinhStoreInfo {}
