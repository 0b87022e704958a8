#ifndef DIENHINH_CNCURSES_SHIM_H
#define DIENHINH_CNCURSES_SHIM_H
// SwiftPM drops pkg-config's -D_XOPEN_SOURCE, so ask for the wide API here (PITFALLS.md).
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncurses.h>

// Macros and mutable globals Swift cannot import, behind functions.
static inline WINDOW *dh_stdscr(void) { return stdscr; }
static inline int dh_lines(void) { return LINES; }
static inline int dh_cols(void) { return COLS; }
static inline int dh_key_f(int n) { return KEY_F(n); }
static inline attr_t dh_a_bold(void) { return A_BOLD; }
static inline attr_t dh_a_underline(void) { return A_UNDERLINE; }
static inline attr_t dh_a_reverse(void) { return A_REVERSE; }
static inline attr_t dh_a_dim(void) { return A_DIM; }
static inline attr_t dh_a_normal(void) { return A_NORMAL; }
static inline int dh_color_pair(int n) { return COLOR_PAIR(n); }
static inline int dh_wcwidth(wchar_t c) { return wcwidth(c); }
static inline int dh_getmaxy(WINDOW *w) { return getmaxy(w); }
static inline int dh_getmaxx(WINDOW *w) { return getmaxx(w); }
static inline int dh_color_pairs(void) { return COLOR_PAIRS; }
static inline int dh_colors(void) { return COLORS; }
static inline int dh_key_mouse(void) { return KEY_MOUSE; }
// Clicks and the wheel, reported at once (no click-resolution delay); returns whether the terminal reports any.
static inline int dh_enable_mouse(int on) {
    mmask_t old;
    mouseinterval(0);
    mmask_t wanted = BUTTON1_PRESSED | BUTTON4_PRESSED;
#ifdef BUTTON5_PRESSED
    wanted |= BUTTON5_PRESSED;
#endif
    return mousemask(on ? wanted : 0, &old) != 0;
}
// The event behind KEY_MOUSE: 1 a click, 2 the wheel up, 3 the wheel down, 0 anything else (a release).
static inline int dh_mouse_event(int *x, int *y) {
    MEVENT e;
    if (getmouse(&e) != OK) { return 0; }
    *x = e.x; *y = e.y;
    if (e.bstate & BUTTON1_PRESSED) { return 1; }
    if (e.bstate & BUTTON4_PRESSED) { return 2; }
#ifdef BUTTON5_PRESSED
    if (e.bstate & BUTTON5_PRESSED) { return 3; }
#endif
    return 0;
}
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
// stdout/stdin are mutable C globals Swift 6 rejects; open the terminal here instead.
static inline SCREEN *dh_newterm(const char *type) { return newterm(type, stdout, stdin); }
static inline const char *dh_codeset(void) { return nl_langinfo(CODESET); }
// Leave curses mode if it is active; safe to call repeatedly and before initialisation.
static inline void dh_restore_terminal(void) { if (!isendwin()) { endwin(); } }
// Restores the terminal, then lets the signal do what it would have done (exit status 128+signo).
static inline void dh_on_fatal_signal(int sig) { dh_restore_terminal(); signal(sig, SIG_DFL); raise(sig); }
static inline void dh_atexit_restore(void) { dh_restore_terminal(); }
// Every exit path restores the terminal: termination signals, crashes (best effort), exit().
static inline void dh_install_exit_handlers(void) {
    static int installed = 0;
    int sigs[] = { SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGABRT, SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP };
    for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) { signal(sigs[i], dh_on_fatal_signal); }
    if (!installed) { installed = 1; atexit(dh_atexit_restore); }
}
#endif
