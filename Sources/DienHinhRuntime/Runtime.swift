import DienHinhApp
import DienHinhStore
/// Runs effects against the store.
public enum DienHinhRuntimeInfo {}
