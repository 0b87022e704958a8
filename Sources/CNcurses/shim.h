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
#endif
