// What ole32's files share: the calling thread's apartment, which
// activation checks before it creates anything.
#pragma once

#include "vine/com.h"

namespace ole32 {

// Whether the calling thread may use COM: it initialized an apartment, or
// another thread made the process's multithreaded apartment, which every
// thread then implicitly belongs to.
bool com_usable();

}  // namespace ole32
