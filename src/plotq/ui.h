/* ui.h: plotq ui, the full-screen terminal interface (plotq(1), THE
 * TERMINAL UI). */
#ifndef PLOTQ_UI_H
#define PLOTQ_UI_H

/* argv from "ui" on; returns the exit status. */
int cmd_ui(int argc, char **argv);

#endif
