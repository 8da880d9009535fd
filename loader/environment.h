// The environment block of a process started from Unix (environment.cpp).
#pragma once

#include <string>

namespace vine::process {

// "NAME=VALUE\0" strings sorted by name ignoring case, then an empty one.
// Reads the registry: the server must be connected.
std::u16string initial_environment();

}  // namespace vine::process
