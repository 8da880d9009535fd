// Vectored handlers, as the dispatcher calls them (vectored.cpp).
#pragma once

#include "vine/context.h"

// True if a vectored exception handler returned EXCEPTION_CONTINUE_EXECUTION.
bool call_vectored_exception_handlers(EXCEPTION_RECORD* record, CONTEXT* context);
// Before an exception is continued.
void call_vectored_continue_handlers(EXCEPTION_RECORD* record, CONTEXT* context);
