// The .spec file format, after Wine's: one export per line.
//
//   ORDINAL TYPE [FLAGS] NAME([ARGTYPES]) [TARGET]    functions
//   ORDINAL stub [FLAGS] NAME                           not implemented yet
//   ORDINAL extern [FLAGS] NAME [SYMBOL]                exported variables
//
// ORDINAL is a number or '@' (assigned after the highest explicit one).
// TYPE is stdcall, cdecl or varargs (all one convention on x64). FLAGS:
// -noname (exported by ordinal only), -norelay (not traced by +relay),
// -private, -arch=... (accepted).
// ARGTYPES: long int64 ptr str wstr double float. TARGET is the C symbol
// implementing the export (default: NAME) or "DLL.Function" to forward.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "vine/expected.h"

namespace vine::spec {

enum class EntryType { Function, Varargs, Stub, Extern };

struct Entry {
    int line = 0;
    std::optional<unsigned> ordinal;  // explicit ordinal
    EntryType type = EntryType::Function;
    std::string name;
    bool noname = false;
    bool norelay = false;  // never traced by +relay (setjmp, longjmp, ...)
    std::string arg_types;  // one letter per argument (see vine/builtin.h)
    std::string target;     // C symbol, or "DLL.Function" when forwarded
    bool is_forward() const { return target.find('.') != std::string::npos; }
};

struct Spec {
    std::vector<Entry> entries;  // every entry has an ordinal after parse()
};

// Parses a whole spec file. Errors name the line: "kernel32.spec:12: ...".
Expected<Spec> parse(const std::string& text, const std::string& file_name);

}  // namespace vine::spec
