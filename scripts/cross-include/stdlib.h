/* See assert.h: declarations for cross `cargo check` only. */
#pragma once
#include <stddef.h>
void abort(void);
