// __CxxFrameHandler4 will live here (FH4's compressed FuncInfo4, unwind and
// try-block maps, over dlls/msvcrt/cxx/'s catch machinery). Until then the
// spec lists it as a stub; this file makes the DLL a C++ target, whose
// link rule CMake provides (an assembly-only shared library is not linked).
