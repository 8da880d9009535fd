// The thread stack's guard, for msvcrt's _resetstkoflw: the loader keeps
// the stack's layout (loader/thread_stack.cpp); this is its exported form.
#include "ntdll_private.h"
#include "vine/loader.h"

VINE_EXPORT BOOLEAN __vine_reset_stack_guard() { return vine::loader::reset_stack_guard() ? TRUE : FALSE; }
