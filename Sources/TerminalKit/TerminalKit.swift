/// The terminal model with no curses in it.
public enum TerminalKitInfo {}
