// Process start-up, in the order the seeds describe: PEB, TEB and process
// parameters; ntdll and kernel32; the EXE and its imports; TLS callbacks and
// DllMain(PROCESS_ATTACH); the entry point on a Windows-sized stack.
#pragma once

#include <string>
#include <vector>

namespace vine::process {

// Runs the program at `exe_unix_path`; `args` are its arguments (without the
// program itself). Does not return.
[[noreturn]] void run(const std::string& exe_unix_path, const std::vector<std::string>& args);

// The Windows command line for a program and its arguments, each quoted so
// that the Microsoft C runtime's parser gives back exactly these strings.
std::u16string build_command_line(const std::u16string& program, const std::vector<std::string>& args);

}  // namespace vine::process
