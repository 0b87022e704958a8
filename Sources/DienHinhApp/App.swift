import DienHinhCore
import TerminalKit
/// The application: state, messages, update and view.
public enum DienHinhAppInfo {}
