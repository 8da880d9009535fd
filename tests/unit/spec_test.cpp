// Units for vinebuild: the .spec parser (tools/vinebuild/spec.cpp) and the
// assembly writer (asm_writer.cpp). The writer's output is checked twice: as
// text (export directory fields, name order), and for real: assembled and
// linked with a small C file into a shared object like a builtin DLL, loaded
// with dlopen, and its in-memory PE image, descriptor and thunks inspected.
#include "asm_writer.h"
#include "spec.h"

#include <dlfcn.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "vine/builtin.h"

namespace vine::spec {
namespace {

Spec parse_ok(const std::string& text) {
    auto spec = parse(text, "test.spec");
    if (!spec) {
        ADD_FAILURE() << "parse failed: " << spec.error().message;
        return {};
    }
    return *spec;
}

std::string parse_error(const std::string& text) {
    auto spec = parse(text, "test.spec");
    if (spec) {
        ADD_FAILURE() << "expected an error for:\n" << text;
        return {};
    }
    return spec.error().message;
}

const Entry* find(const Spec& spec, const std::string& name) {
    for (const auto& entry : spec.entries)
        if (entry.name == name) return &entry;
    return nullptr;
}

// ---------------------------------------------------------------- parser

TEST(SpecParse, EmptyAndCommentsOnly) {
    EXPECT_TRUE(parse_ok("").entries.empty());
    EXPECT_TRUE(parse_ok("# nothing here\n\n   \n\t# indented comment\n").entries.empty());
}

TEST(SpecParse, FunctionWithExplicitOrdinal) {
    auto spec = parse_ok("12 stdcall CloseHandle(ptr)\n");
    ASSERT_EQ(spec.entries.size(), 1u);
    const Entry& e = spec.entries[0];
    EXPECT_EQ(e.line, 1);
    ASSERT_TRUE(e.ordinal.has_value());
    EXPECT_EQ(*e.ordinal, 12u);
    EXPECT_EQ(e.type, EntryType::Function);
    EXPECT_EQ(e.name, "CloseHandle");
    EXPECT_FALSE(e.noname);
    EXPECT_EQ(e.arg_types, "p");
    EXPECT_EQ(e.target, "CloseHandle");
    EXPECT_FALSE(e.is_forward());
}

TEST(SpecParse, AllArgumentTypes) {
    auto spec = parse_ok("@ stdcall F(long int64 ptr str wstr double float)\n");
    ASSERT_EQ(spec.entries.size(), 1u);
    EXPECT_EQ(spec.entries[0].arg_types, "ljpswdf");
}

TEST(SpecParse, NoArgumentsAndSpacing) {
    auto spec = parse_ok(
        "@ stdcall A()\n"
        "@ stdcall B( )\n"
        "@ stdcall C ( long  ptr )\n"
        "@\tstdcall\tD(long)\tDImpl\n");
    ASSERT_EQ(spec.entries.size(), 4u);
    EXPECT_EQ(spec.entries[0].arg_types, "");
    EXPECT_EQ(spec.entries[1].arg_types, "");
    EXPECT_EQ(spec.entries[2].arg_types, "lp");
    EXPECT_EQ(spec.entries[3].arg_types, "l");
    EXPECT_EQ(spec.entries[3].target, "DImpl");
}

TEST(SpecParse, AtOrdinalsFollowHighestExplicitInFileOrder) {
    auto spec = parse_ok(
        "@ stdcall First()\n"
        "10 stdcall Ten()\n"
        "@ stdcall Second()\n"
        "3 stdcall Three()\n"
        "@ stdcall Third()\n");
    ASSERT_EQ(spec.entries.size(), 5u);
    EXPECT_EQ(*find(spec, "Ten")->ordinal, 10u);
    EXPECT_EQ(*find(spec, "Three")->ordinal, 3u);
    EXPECT_EQ(*find(spec, "First")->ordinal, 11u);
    EXPECT_EQ(*find(spec, "Second")->ordinal, 12u);
    EXPECT_EQ(*find(spec, "Third")->ordinal, 13u);
}

TEST(SpecParse, AtOrdinalsStartAtOne) {
    auto spec = parse_ok("@ stdcall A()\n@ stub B\n@ extern C\n");
    ASSERT_EQ(spec.entries.size(), 3u);
    EXPECT_EQ(*spec.entries[0].ordinal, 1u);
    EXPECT_EQ(*spec.entries[1].ordinal, 2u);
    EXPECT_EQ(*spec.entries[2].ordinal, 3u);
}

TEST(SpecParse, OrdinalLimits) {
    EXPECT_EQ(*parse_ok("65535 stdcall Max()\n").entries[0].ordinal, 65535u);
    EXPECT_EQ(*parse_ok("1 stdcall Min()\n").entries[0].ordinal, 1u);
}

TEST(SpecParse, CallingConventions) {
    auto spec = parse_ok(
        "@ stdcall S(long)\n"
        "@ cdecl C(ptr)\n"
        "@ varargs V(str)\n");
    EXPECT_EQ(find(spec, "S")->type, EntryType::Function);
    EXPECT_EQ(find(spec, "C")->type, EntryType::Function);
    EXPECT_EQ(find(spec, "V")->type, EntryType::Varargs);
    EXPECT_EQ(find(spec, "V")->arg_types, "s");
}

TEST(SpecParse, NonameWithOrdinal) {
    auto spec = parse_ok("7 stdcall -noname Hidden(long)\n");
    ASSERT_EQ(spec.entries.size(), 1u);
    EXPECT_TRUE(spec.entries[0].noname);
    EXPECT_EQ(*spec.entries[0].ordinal, 7u);
    EXPECT_EQ(spec.entries[0].name, "Hidden");
}

TEST(SpecParse, AcceptedFlags) {
    auto spec = parse_ok(
        "@ stdcall -private DllCanUnloadNow()\n"
        "@ stdcall -arch=win64 Only64()\n"
        "@ stdcall -norelay Quiet()\n"
        "5 stdcall -noname -private Both()\n");
    ASSERT_EQ(spec.entries.size(), 4u);
    EXPECT_FALSE(find(spec, "DllCanUnloadNow")->noname);
    EXPECT_TRUE(find(spec, "Both")->noname);
}

TEST(SpecParse, Stub) {
    auto spec = parse_ok("@ stub AddAtomA\n20 stub -noname Secret\n");
    ASSERT_EQ(spec.entries.size(), 2u);
    EXPECT_EQ(spec.entries[0].type, EntryType::Stub);
    EXPECT_EQ(spec.entries[0].target, "");
    EXPECT_FALSE(spec.entries[0].is_forward());
    EXPECT_EQ(spec.entries[0].arg_types, "");
    EXPECT_TRUE(spec.entries[1].noname);
}

TEST(SpecParse, Extern) {
    auto spec = parse_ok("@ extern _environ\n@ extern __argc vine_argc\n");
    ASSERT_EQ(spec.entries.size(), 2u);
    EXPECT_EQ(spec.entries[0].type, EntryType::Extern);
    EXPECT_EQ(spec.entries[0].target, "_environ");
    EXPECT_EQ(spec.entries[1].target, "vine_argc");
}

TEST(SpecParse, Forwards) {
    auto spec = parse_ok(
        "@ stdcall HeapAlloc(ptr long long) ntdll.RtlAllocateHeap\n"
        "@ stdcall EnterCriticalSection(ptr) NTDLL.RtlEnterCriticalSection\n");
    ASSERT_EQ(spec.entries.size(), 2u);
    EXPECT_EQ(spec.entries[0].target, "ntdll.RtlAllocateHeap");
    EXPECT_TRUE(spec.entries[0].is_forward());
    EXPECT_EQ(spec.entries[0].arg_types, "pll");
    EXPECT_TRUE(spec.entries[1].is_forward());
}

TEST(SpecParse, OtherSymbolAsTarget) {
    auto spec = parse_ok("@ stdcall GetEnvironmentStrings() GetEnvironmentStringsA\n");
    EXPECT_EQ(spec.entries[0].target, "GetEnvironmentStringsA");
    EXPECT_FALSE(spec.entries[0].is_forward());
}

TEST(SpecParse, CppStyleNamesAndTrailingComments) {
    auto spec = parse_ok(
        "@ cdecl ??2@YAPEAX_K@Z(int64) operator_new  # operator new\n"
        "@ cdecl $I10_OUTPUT(double long long long ptr)\n");
    ASSERT_EQ(spec.entries.size(), 2u);
    EXPECT_EQ(spec.entries[0].name, "??2@YAPEAX_K@Z");
    EXPECT_EQ(spec.entries[0].target, "operator_new");
    EXPECT_EQ(spec.entries[1].name, "$I10_OUTPUT");
}

TEST(SpecParse, LineNumbersCountBlankAndCommentLines) {
    auto spec = parse_ok("# header\n\n@ stdcall A()\n\n# x\n@ stub B\n");
    ASSERT_EQ(spec.entries.size(), 2u);
    EXPECT_EQ(spec.entries[0].line, 3);
    EXPECT_EQ(spec.entries[1].line, 6);
}

TEST(SpecParse, CrLfLineEndings) {
    auto spec = parse_ok("@ stdcall A(long)\r\n@ stub B\r\n@ stdcall C() ntdll.D\r\n");
    ASSERT_EQ(spec.entries.size(), 3u);
    EXPECT_EQ(spec.entries[0].arg_types, "l");
    EXPECT_EQ(spec.entries[1].name, "B");
    EXPECT_EQ(spec.entries[2].target, "ntdll.D");
}

TEST(SpecParse, ThirtyTwoArgumentsAllowed) {
    std::string args;
    for (int i = 0; i < 32; ++i) args += " ptr";
    auto spec = parse_ok("@ stdcall Many(" + args + ")\n");
    EXPECT_EQ(spec.entries[0].arg_types.size(), 32u);
}

// ---------------------------------------------------------------- errors

TEST(SpecParseError, UnknownType) {
    EXPECT_EQ(parse_error("@ stdcall A()\n\n@ fastcall B()\n"), "test.spec:3: unknown export type 'fastcall'");
}

TEST(SpecParseError, BadArgumentType) {
    EXPECT_EQ(parse_error("@ stdcall A(long handle)\n"), "test.spec:1: unknown argument type 'handle'");
    EXPECT_EQ(parse_error("@ stub X\n@ stdcall A(LONG)\n"), "test.spec:2: unknown argument type 'LONG'");
}

TEST(SpecParseError, DuplicateNameNamesTheSecondLine) {
    EXPECT_EQ(parse_error("@ stdcall A()\n@ stdcall B()\n# c\n@ stub A\n"), "test.spec:4: duplicate export 'A'");
}

TEST(SpecParseError, DuplicateOrdinalNamesTheSecondLine) {
    EXPECT_EQ(parse_error("5 stdcall A()\n6 stdcall B()\n5 stdcall C()\n"), "test.spec:3: duplicate ordinal 5");
}

TEST(SpecParseError, NonameWithoutOrdinal) {
    EXPECT_EQ(parse_error("1 stdcall A()\n@ stdcall -noname B()\n"), "test.spec:2: -noname needs an explicit ordinal");
}

TEST(SpecParseError, MissingParentheses) {
    EXPECT_EQ(parse_error("@ stdcall A\n"), "test.spec:1: expected '(' after A");
    EXPECT_EQ(parse_error("@ stdcall A long)\n"), "test.spec:1: expected '(' after A");
    EXPECT_EQ(parse_error("\n@ stdcall A(long ptr\n"), "test.spec:2: missing ')'");
}

TEST(SpecParseError, StubWithTarget) {
    EXPECT_EQ(parse_error("@ stub A ntdll.A\n"), "test.spec:1: a stub takes no target");
    EXPECT_EQ(parse_error("@ stub A AImpl\n"), "test.spec:1: a stub takes no target");
}

TEST(SpecParseError, BadOrdinals) {
    EXPECT_EQ(parse_error("0 stdcall A()\n"), "test.spec:1: bad ordinal '0'");
    EXPECT_EQ(parse_error("65536 stdcall A()\n"), "test.spec:1: bad ordinal '65536'");
    EXPECT_EQ(parse_error("12x stdcall A()\n"), "test.spec:1: bad ordinal '12x'");
    EXPECT_EQ(parse_error("-3 stdcall A()\n"), "test.spec:1: bad ordinal '-3'");
}

TEST(SpecParseError, AtOrdinalsRunOutAfter65535) {
    EXPECT_EQ(parse_error("65535 stdcall A()\n@ stdcall B()\n"), "test.spec:2: too many exports");
}

TEST(SpecParseError, UnknownFlag) {
    EXPECT_EQ(parse_error("@ stdcall -frobnicate A()\n"), "test.spec:1: unknown flag '-frobnicate'");
}

TEST(SpecParseError, TooFewWords) {
    EXPECT_EQ(parse_error("@ stdcall\n"), "test.spec:1: expected 'ORDINAL TYPE NAME...'");
    EXPECT_EQ(parse_error("@ stub -noname\n"), "test.spec:1: missing export name");
}

TEST(SpecParseError, BadNamesAndTargets) {
    EXPECT_EQ(parse_error("@ stdcall A-B()\n"), "test.spec:1: bad export name 'A-B'");
    EXPECT_EQ(parse_error("@ stdcall A() a.b.c\n"), "test.spec:1: bad target 'a.b.c'");
    EXPECT_EQ(parse_error("@ stdcall A() .b\n"), "test.spec:1: bad target '.b'");
    EXPECT_EQ(parse_error("@ stdcall A() b.\n"), "test.spec:1: bad target 'b.'");
    EXPECT_EQ(parse_error("@ extern V ntdll.V\n"), "test.spec:1: an extern cannot be forwarded");
}

TEST(SpecParseError, TrailingWords) {
    EXPECT_EQ(parse_error("@ stdcall A() AImpl extra\n"), "test.spec:1: unexpected 'extra'");
}

TEST(SpecParseError, TooManyArguments) {
    std::string args;
    for (int i = 0; i < 33; ++i) args += " long";
    EXPECT_EQ(parse_error("@ stdcall Many(" + args + ")\n"), "test.spec:1: too many arguments");
}

TEST(SpecParseError, FileNameIsUsed) {
    auto spec = parse("@ bogus A\n", "dlls/kernel32/kernel32.spec");
    ASSERT_FALSE(spec);
    EXPECT_EQ(spec.error().message, "dlls/kernel32/kernel32.spec:1: unknown export type 'bogus'");
}

// ---------------------------------------------------------------- writer: text

// The lines between two labels of the generated assembly.
std::vector<std::string> lines_after(const std::string& text, const std::string& label, size_t count) {
    std::vector<std::string> out;
    auto pos = text.find("\n" + label + ":\n");
    if (pos == std::string::npos) return out;
    pos += label.size() + 3;
    while (out.size() < count && pos < text.size()) {
        auto end = text.find('\n', pos);
        if (end == std::string::npos) end = text.size();
        out.push_back(text.substr(pos, end - pos));
        pos = end + 1;
    }
    return out;
}

TEST(SpecWriterText, ExportDirectoryFields) {
    auto spec = parse_ok(
        "5 stdcall Zeta()\n"
        "9 stdcall alpha(long)\n"
        "7 stdcall -noname Hidden()\n"
        "@ stdcall Beta()\n");  // ordinal 10
    std::string s = write_assembly(spec, "test.dll");
    auto dir = lines_after(s, ".Lexport_dir", 4);
    ASSERT_EQ(dir.size(), 4u) << s;
    // Base 5, NumberOfFunctions 10-5+1 = 6, NumberOfNames 3 (no Hidden).
    EXPECT_EQ(dir[3], "\t.long 5, 6, 3");
    EXPECT_NE(s.find(".Ldll_name:\n\t.asciz \"test.dll\"\n"), std::string::npos);
    // Ordinals 6 and 8 are holes.
    auto functions = lines_after(s, ".Lfunctions", 6);
    ASSERT_EQ(functions.size(), 6u);
    EXPECT_EQ(functions[1], "\t.long 0");
    EXPECT_EQ(functions[3], "\t.long 0");
    EXPECT_EQ(functions[0], "\t.long Zeta - __vine_pe_image");
    EXPECT_EQ(functions[4], "\t.long alpha - __vine_pe_image");
}

TEST(SpecWriterText, NamesSortedInByteOrder) {
    // Byte order: upper case before lower case, '_' between them, '?' and
    // '$' before letters.
    auto spec = parse_ok(
        "@ stdcall zeta()\n"
        "@ stdcall Zeta()\n"
        "@ stdcall _under()\n"
        "@ stdcall alpha()\n"
        "@ stdcall ??2@YAPEAX_K@Z()\n"
        "@ stdcall Alpha()\n"
        "@ stdcall AlphaB()\n"
        "@ stdcall $dollar()\n");
    std::string s = write_assembly(spec, "sort.dll");
    auto names = lines_after(s, ".Lnames", 8);
    ASSERT_EQ(names.size(), 8u);
    // .Lname_N follows the spec's order: map back to names.
    std::vector<std::string> order;
    for (const auto& line : names) {
        auto p = line.find(".Lname_");
        ASSERT_NE(p, std::string::npos) << line;
        order.push_back(spec.entries[std::stoul(line.substr(p + 7))].name);
    }
    std::vector<std::string> expected = {"$dollar", "??2@YAPEAX_K@Z", "Alpha", "AlphaB", "Zeta", "_under", "alpha", "zeta"};
    EXPECT_EQ(order, expected);
    // The name ordinal table lists each name's ordinal minus the base (1).
    auto ordinals = lines_after(s, ".Lname_ordinals", 8);
    ASSERT_EQ(ordinals.size(), 8u);
    for (size_t i = 0; i < 8; ++i)
        EXPECT_EQ(ordinals[i], "\t.short " + std::to_string(*find(spec, expected[i])->ordinal - 1));
}

TEST(SpecWriterText, ForwardsAndStubs) {
    auto spec = parse_ok("@ stdcall HeapAlloc(ptr long long) ntdll.RtlAllocateHeap\n@ stub AddAtomA\n");
    std::string s = write_assembly(spec, "k.dll");
    EXPECT_NE(s.find(".Lforward_0:\n\t.asciz \"ntdll.RtlAllocateHeap\"\n"), std::string::npos);
    // The forwarder string lies inside the export directory range.
    EXPECT_LT(s.find(".Lforward_0:"), s.find(".Lexport_end:"));
    EXPECT_GT(s.find(".Lforward_0:"), s.find(".Lexport_dir:"));
    EXPECT_NE(s.find(".Lstub_1:\n\tleaq .Lexport_1(%rip), %rax\n\tjmp *vine_stub_called@GOTPCREL(%rip)\n"),
              std::string::npos);
    // No relay thunk for a forward or a stub.
    EXPECT_EQ(s.find(".Lrelay_"), std::string::npos);
}

TEST(SpecWriterText, EmptySpec) {
    std::string s = write_assembly(Spec{}, "empty.dll");
    auto dir = lines_after(s, ".Lexport_dir", 4);
    ASSERT_EQ(dir.size(), 4u);
    EXPECT_EQ(dir[3], "\t.long 1, 1, 0");
}

// ---------------------------------------------------------------- writer: linked

// Runs a shell command; returns its exit status (-1 when it did not exit).
int run(const std::string& command) {
    int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// What the test DLL's own definitions of the loader's entry points record.
constexpr const char* kTestDllSource = R"(
#include <stdint.h>
#define EXPORT __attribute__((visibility("default")))
/* The loader's side, recorded for the test. */
__attribute__((visibility("hidden"))) const void* vt_last_rax;
EXPORT const void* vt_registered;
EXPORT int vt_register_calls;
EXPORT const void* vt_get_last_rax(void) { return vt_last_rax; }
EXPORT void vine_register_builtin(const void* dll) { vt_registered = dll; ++vt_register_calls; }
/* The thunks jump here with the export's descriptor in %rax. */
__attribute__((naked)) EXPORT void vine_stub_called(void) { __asm__("movq %rax, vt_last_rax(%rip)\n\tret"); }
__attribute__((naked)) EXPORT void vine_relay_entry(void) { __asm__("movq %rax, vt_last_rax(%rip)\n\tret"); }
/* The DLL's exports. */
EXPORT int Zeta(void) { return 26; }
EXPORT int alpha(int x) { return x + 1; }
EXPORT int hidden_impl(void) { return 7; }
EXPORT int Printf(const char* fmt, ...) { return 3; }
EXPORT int vt_counter = 1234;
)";

class SpecWriterLinked : public ::testing::Test {
protected:
    void SetUp() override {
        char pattern[] = "/tmp/vine-spec-test.XXXXXX";
        ASSERT_NE(mkdtemp(pattern), nullptr);
        dir_ = pattern;
    }
    void TearDown() override {
        if (handle_) dlclose(handle_);
        if (!dir_.empty()) std::filesystem::remove_all(dir_);
    }

    // Assembles the writer's output for SPEC, links it with the C file into
    // DIR/test.dll.so as vine_add_builtin_dll does, and dlopens it.
    void build(const std::string& spec_text, const std::string& dll_name) {
        spec_ = parse_ok(spec_text);
        std::ofstream(dir_ + "/spec.s") << write_assembly(spec_, dll_name);
        std::ofstream(dir_ + "/impl.c") << kTestDllSource;
        std::string cc = VINE_TEST_CC;
        std::string log = dir_ + "/log";
        ASSERT_EQ(run(cc + " -c -x assembler " + dir_ + "/spec.s -o " + dir_ + "/spec.o >" + log + " 2>&1"), 0)
            << "assembling failed:\n" << slurp(log) << "\n" << slurp(dir_ + "/spec.s");
        ASSERT_EQ(run(cc + " -c -O1 -fPIC -fvisibility=hidden " + dir_ + "/impl.c -o " + dir_ + "/impl.o >" + log +
                      " 2>&1"),
                  0)
            << "compiling failed:\n" << slurp(log);
        std::string so = dir_ + "/test.dll.so";
        ASSERT_EQ(run(cc + " -shared -o " + so + " " + dir_ + "/spec.o " + dir_ + "/impl.o -Wl,-T," +
                      VINE_SOURCE_DIR + "/cmake/vine_dll.ld -Wl,-Bsymbolic -Wl,-z,defs >" + log + " 2>&1"),
                  0)
            << "linking failed:\n" << slurp(log);
        handle_ = dlopen(so.c_str(), RTLD_NOW | RTLD_LOCAL);
        ASSERT_NE(handle_, nullptr) << dlerror();
        auto registered = static_cast<const void* const*>(dlsym(handle_, "vt_registered"));
        ASSERT_NE(registered, nullptr);
        dll_ = static_cast<const BuiltinDll*>(*registered);
        ASSERT_NE(dll_, nullptr) << "the constructor did not register the DLL";
        image_ = static_cast<const uint8_t*>(dll_->image);
        ASSERT_NE(image_, nullptr);
    }

    static std::string slurp(const std::string& path) {
        std::ifstream in(path);
        return std::string(std::istreambuf_iterator<char>(in), {});
    }
    template <typename T>
    T at(uint32_t offset) const {
        T value;
        memcpy(&value, image_ + offset, sizeof(T));
        return value;
    }
    const char* str(uint32_t rva) const { return reinterpret_cast<const char*>(image_ + rva); }
    void* symbol(const char* name) const { return dlsym(handle_, name); }

    std::string dir_;
    void* handle_ = nullptr;
    Spec spec_;
    const BuiltinDll* dll_ = nullptr;
    const uint8_t* image_ = nullptr;
};

constexpr const char* kLinkedSpec =
    "# a small DLL with every kind of export\n"
    "5 stdcall Zeta()\n"
    "9 stdcall alpha(long)\n"
    "7 stdcall -noname Hidden() hidden_impl\n"
    "@ varargs Printf(str)\n"                                  // 10
    "@ stdcall HeapAlloc(ptr long long) ntdll.RtlAllocateHeap\n"  // 11
    "@ stub AddAtomA\n"                                        // 12
    "@ extern Counter vt_counter\n";                           // 13

TEST_F(SpecWriterLinked, SortedLookupIndexes) {
    ASSERT_NO_FATAL_FAILURE(build(kLinkedSpec, "testdll.dll"));
    // Every named export once, in byte order; the -noname one is left out.
    ASSERT_EQ(dll_->named_count, 6u);
    for (uint32_t i = 0; i < dll_->named_count; ++i) {
        const BuiltinExport& entry = dll_->exports[dll_->by_name[i]];
        ASSERT_NE(entry.name, nullptr);
        if (i > 0) EXPECT_LT(strcmp(dll_->exports[dll_->by_name[i - 1]].name, entry.name), 0);
    }
    // Every export once, by increasing ordinal.
    for (uint32_t i = 1; i < dll_->export_count; ++i)
        EXPECT_LT(dll_->exports[dll_->by_ordinal[i - 1]].ordinal, dll_->exports[dll_->by_ordinal[i]].ordinal);
    const BuiltinExport* alloc = find_builtin_export(*dll_, "HeapAlloc");
    ASSERT_NE(alloc, nullptr);
    EXPECT_EQ(alloc->ordinal, 11);
    EXPECT_EQ(find_builtin_export(*dll_, 11u), alloc);
    EXPECT_EQ(find_builtin_export(*dll_, "Hidden"), nullptr);  // by ordinal only
    ASSERT_NE(find_builtin_export(*dll_, 7u), nullptr);
    EXPECT_EQ(find_builtin_export(*dll_, "HeapAllocX"), nullptr);
    EXPECT_EQ(find_builtin_export(*dll_, "Heap"), nullptr);
    EXPECT_EQ(find_builtin_export(*dll_, 8u), nullptr);  // between 7 and 9
}

TEST_F(SpecWriterLinked, HeadersAndDescriptor) {
    ASSERT_NO_FATAL_FAILURE(build(kLinkedSpec, "testdll.dll"));
    EXPECT_EQ(*static_cast<const int*>(symbol("vt_register_calls")), 1);
    EXPECT_EQ(dll_->abi_version, kBuiltinAbiVersion);
    EXPECT_EQ(dll_->export_count, 7u);
    EXPECT_STREQ(dll_->name, "testdll.dll");
    EXPECT_EQ(dll_->entry, nullptr);  // no __vine_dll_main in this DLL
    // The image is page aligned and lies below the DLL's code, as an HMODULE.
    EXPECT_EQ(reinterpret_cast<uintptr_t>(image_) % 4096, 0u);
    EXPECT_LT(reinterpret_cast<uintptr_t>(image_), reinterpret_cast<uintptr_t>(symbol("Zeta")));
    EXPECT_EQ(at<uint16_t>(0), 0x5a4d);
    uint32_t nt = at<uint32_t>(0x3c);
    EXPECT_EQ(at<uint32_t>(nt), 0x4550u);
    EXPECT_EQ(at<uint16_t>(nt + 4), 0x8664);
    EXPECT_EQ(at<uint16_t>(nt + 24), 0x20b);
    EXPECT_EQ(at<uint16_t>(nt + 22) & 0x2000, 0x2000);  // IMAGE_FILE_DLL
}

TEST_F(SpecWriterLinked, ExportDirectory) {
    ASSERT_NO_FATAL_FAILURE(build(kLinkedSpec, "testdll.dll"));
    uint32_t nt = at<uint32_t>(0x3c);
    uint32_t dir_rva = at<uint32_t>(nt + 24 + 112);
    uint32_t dir_size = at<uint32_t>(nt + 24 + 116);
    ASSERT_NE(dir_rva, 0u);
    ASSERT_GE(dir_size, 40u);
    EXPECT_STREQ(str(at<uint32_t>(dir_rva + 12)), "testdll.dll");
    uint32_t base = at<uint32_t>(dir_rva + 16);
    uint32_t functions = at<uint32_t>(dir_rva + 20);
    uint32_t names = at<uint32_t>(dir_rva + 24);
    EXPECT_EQ(base, 5u);
    EXPECT_EQ(functions, 9u);  // ordinals 5..13
    EXPECT_EQ(names, 6u);      // all but Hidden
    uint32_t function_table = at<uint32_t>(dir_rva + 28);
    uint32_t name_table = at<uint32_t>(dir_rva + 32);
    uint32_t ordinal_table = at<uint32_t>(dir_rva + 36);

    auto address_of_ordinal = [&](unsigned ordinal) -> uint32_t {
        return at<uint32_t>(function_table + 4 * (ordinal - base));
    };
    // Names in byte order, each mapped to its ordinal.
    std::vector<std::string> got;
    std::map<std::string, unsigned> ordinal_of;
    for (uint32_t i = 0; i < names; ++i) {
        std::string name = str(at<uint32_t>(name_table + 4 * i));
        got.push_back(name);
        ordinal_of[name] = at<uint16_t>(ordinal_table + 2 * i) + base;
    }
    std::vector<std::string> expected = {"AddAtomA", "Counter", "HeapAlloc", "Printf", "Zeta", "alpha"};
    EXPECT_EQ(got, expected);
    EXPECT_EQ(ordinal_of["Zeta"], 5u);
    EXPECT_EQ(ordinal_of["alpha"], 9u);
    EXPECT_EQ(ordinal_of["Printf"], 10u);
    EXPECT_EQ(ordinal_of["HeapAlloc"], 11u);
    EXPECT_EQ(ordinal_of["AddAtomA"], 12u);
    EXPECT_EQ(ordinal_of["Counter"], 13u);

    // Functions and the variable: image + RVA is the implementation.
    EXPECT_EQ(image_ + address_of_ordinal(5), symbol("Zeta"));
    EXPECT_EQ(image_ + address_of_ordinal(9), symbol("alpha"));
    EXPECT_EQ(image_ + address_of_ordinal(7), symbol("hidden_impl"));
    EXPECT_EQ(image_ + address_of_ordinal(10), symbol("Printf"));
    EXPECT_EQ(image_ + address_of_ordinal(13), symbol("vt_counter"));
    // Holes at 6 and 8.
    EXPECT_EQ(address_of_ordinal(6), 0u);
    EXPECT_EQ(address_of_ordinal(8), 0u);
    // The forward is a string inside the export directory.
    uint32_t forward = address_of_ordinal(11);
    EXPECT_GE(forward, dir_rva);
    EXPECT_LT(forward, dir_rva + dir_size);
    EXPECT_STREQ(str(forward), "ntdll.RtlAllocateHeap");
    // The stub points at code outside the export directory.
    uint32_t stub = address_of_ordinal(12);
    EXPECT_NE(stub, 0u);
    EXPECT_TRUE(stub < dir_rva || stub >= dir_rva + dir_size);

    // Calling through the table works.
    auto zeta = reinterpret_cast<int (*)()>(const_cast<uint8_t*>(image_) + address_of_ordinal(5));
    EXPECT_EQ(zeta(), 26);
    EXPECT_EQ(*reinterpret_cast<const int*>(image_ + address_of_ordinal(13)), 1234);
}

TEST_F(SpecWriterLinked, DescriptorExports) {
    ASSERT_NO_FATAL_FAILURE(build(kLinkedSpec, "testdll.dll"));
    std::map<unsigned, const BuiltinExport*> by_ordinal;
    for (uint32_t i = 0; i < dll_->export_count; ++i) {
        const BuiltinExport& e = dll_->exports[i];
        EXPECT_EQ(e.dll, dll_);
        by_ordinal[e.ordinal] = &e;
    }
    ASSERT_EQ(by_ordinal.size(), 7u);

    const BuiltinExport* zeta = by_ordinal[5];
    EXPECT_STREQ(zeta->name, "Zeta");
    EXPECT_EQ(zeta->kind, ExportKind::Function);
    EXPECT_EQ(zeta->address, symbol("Zeta"));
    EXPECT_NE(zeta->relay_thunk, nullptr);
    EXPECT_STREQ(zeta->arg_types, "");
    EXPECT_EQ(zeta->arg_count, 0);

    const BuiltinExport* alpha = by_ordinal[9];
    EXPECT_STREQ(alpha->arg_types, "l");
    EXPECT_EQ(alpha->arg_count, 1);

    const BuiltinExport* hidden = by_ordinal[7];
    EXPECT_EQ(hidden->name, nullptr);
    EXPECT_EQ(hidden->address, symbol("hidden_impl"));

    EXPECT_EQ(by_ordinal[10]->kind, ExportKind::Varargs);
    EXPECT_STREQ(by_ordinal[10]->arg_types, "s");

    const BuiltinExport* forward = by_ordinal[11];
    EXPECT_EQ(forward->kind, ExportKind::Forward);
    EXPECT_STREQ(forward->forward, "ntdll.RtlAllocateHeap");
    EXPECT_EQ(forward->address, nullptr);
    EXPECT_EQ(forward->relay_thunk, nullptr);
    EXPECT_EQ(forward->arg_count, 3);

    const BuiltinExport* stub = by_ordinal[12];
    EXPECT_EQ(stub->kind, ExportKind::Stub);
    EXPECT_STREQ(stub->name, "AddAtomA");
    EXPECT_NE(stub->address, nullptr);
    EXPECT_EQ(stub->relay_thunk, nullptr);

    const BuiltinExport* data = by_ordinal[13];
    EXPECT_EQ(data->kind, ExportKind::Data);
    EXPECT_EQ(data->address, symbol("vt_counter"));
    EXPECT_EQ(data->relay_thunk, nullptr);
}

TEST_F(SpecWriterLinked, ThunksPassTheirExportInRax) {
    ASSERT_NO_FATAL_FAILURE(build(kLinkedSpec, "testdll.dll"));
    auto last_rax = reinterpret_cast<const void* (*)()>(symbol("vt_get_last_rax"));
    ASSERT_NE(last_rax, nullptr);
    for (uint32_t i = 0; i < dll_->export_count; ++i) {
        const BuiltinExport& e = dll_->exports[i];
        void* code = e.kind == ExportKind::Stub ? e.address : e.relay_thunk;
        if (!code) continue;
        // The test DLL's vine_stub_called/vine_relay_entry record %rax and
        // return straight to us.
        reinterpret_cast<void (*)()>(code)();
        EXPECT_EQ(last_rax(), &e) << "export ordinal " << e.ordinal;
    }
}

}  // namespace
}  // namespace vine::spec
