#ifndef ODERNN_CNCURSES_SHIM_H
#define ODERNN_CNCURSES_SHIM_H
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <ncursesw/ncurses.h>

// Swift cannot import these C macros; small inline wrappers expose them.
static inline int cn_color_pair(int n) { return COLOR_PAIR(n); }
static inline attr_t cn_attr_bold(void) { return A_BOLD; }
static inline attr_t cn_attr_dim(void) { return A_DIM; }
static inline attr_t cn_attr_reverse(void) { return A_REVERSE; }
static inline attr_t cn_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t cn_attr_normal(void) { return A_NORMAL; }
static inline int cn_key_resize(void) { return KEY_RESIZE; }
static inline int cn_key_code_yes(void) { return KEY_CODE_YES; }
static inline int cn_err(void) { return ERR; }
static inline int cn_ok(void) { return OK; }
static inline int cn_lines(void) { return LINES; }
static inline int cn_cols(void) { return COLS; }
static inline int cn_colors(void) { return COLORS; }
static inline WINDOW *cn_stdscr(void) { return stdscr; }

// Added for TerminalNCurses.
#include <langinfo.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>
static inline int cn_color_pairs(void) { return COLOR_PAIRS; }
static inline int cn_getmaxy(WINDOW *win) { int y, x; getmaxyx(win, y, x); (void)x; return y; }
static inline int cn_getmaxx(WINDOW *win) { int y, x; getmaxyx(win, y, x); (void)y; return x; }
static inline FILE *cn_stdout(void) { return stdout; }
static inline FILE *cn_stdin(void) { return stdin; }
static inline const char *cn_codeset(void) { return nl_langinfo(CODESET); }
static inline int cn_is_main_thread(void) { return getpid() == (pid_t)syscall(SYS_gettid); }
#endif
