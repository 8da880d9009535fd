// vcruntime140_1.dll's one export, __CxxFrameHandler4, forwards to
// vcruntime140's (dlls/msvcrt/cxx/frame_handler4.cpp), see the spec. This
// file makes the DLL a C++ target, whose link rule CMake provides (an
// assembly-only shared library is not linked).
