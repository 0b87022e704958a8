/// ncursesw adapter; the only importer of CNcurses.
public enum NcursesBackendInfo {}
