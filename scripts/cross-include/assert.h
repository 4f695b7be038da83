/* Minimal C headers for `cargo check` of Windows targets from Linux: ring's C
   code is compiled by its build script but never linked in a check, so these
   declarations only need to type-check. Not used for real builds. */
#pragma once
#define assert(e) ((void)0)
#define static_assert _Static_assert
