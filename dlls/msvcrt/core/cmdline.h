// Splitting a command line into argv the way msvcrt.dll does.
#pragma once

#include <string>
#include <vector>

namespace vine::msvcrt {

// msvcrt.dll's rules (those of its VC6-era parser):
// - argv[0]: a leading '"' runs to the next '"' with no escapes; otherwise
//   it runs to the first space or tab.
// - other arguments are separated by spaces and tabs outside quotes;
// - 2n backslashes before '"' give n backslashes and the quote toggles
//   quoting; 2n+1 give n backslashes and a literal '"';
// - other backslashes are literal;
// - inside quotes, '""' gives a literal '"' and ends the quoted part.
template <class CharT>
std::vector<std::basic_string<CharT>> split_command_line(const CharT* command_line);

}  // namespace vine::msvcrt
