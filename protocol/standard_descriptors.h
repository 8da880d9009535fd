// Descriptors 0-2 of vine and vineserver, made sure to be open.
#pragma once

namespace vine::protocol {

// Opens /dev/null on whichever of descriptors 0, 1 and 2 is closed. Called
// first thing by vine and vineserver: a process started with them closed
// would otherwise get its server socket (or the server its listening
// socket) as "standard output", hand it on as a standard handle and never
// see the other end hang up. Returns false if one could not be opened.
bool open_standard_descriptors();

}  // namespace vine::protocol
