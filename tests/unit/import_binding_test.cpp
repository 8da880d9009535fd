// Import binding as a unit: importers and exporters are PE images built in
// memory (PeBuilder), the loader's DLL search is replaced by a table of
// those modules, and the bound import address table is read back.
#include <gtest/gtest.h>

#include <cstring>
#include <map>
#include <memory>
#include <optional>

#include "import_binding.h"
#include "pe_builder.h"
#include "vine/unicode.h"

namespace vine::loader {
namespace {

using pe::Layout;
using pe::PeImage;
using pe::testing::ExportDef;
using pe::testing::ImportDef;
using pe::testing::ImportedDll;
using pe::testing::PeBuilder;

constexpr DWORD ERROR_MOD_NOT_FOUND = 126;
constexpr DWORD ERROR_PROC_NOT_FOUND = 127;
constexpr DWORD kCode = IMAGE_SCN_CNT_CODE | IMAGE_SCN_MEM_EXECUTE | IMAGE_SCN_MEM_READ;
constexpr DWORD kRead = IMAGE_SCN_CNT_INITIALIZED_DATA | IMAGE_SCN_MEM_READ;
constexpr DWORD kWrite = kRead | IMAGE_SCN_MEM_WRITE;

// Function i of a test DLL: its .text is the first section.
constexpr uint32_t fn(int i) { return PeBuilder::kSectionAlignment + 16 * i; }

// A module laid out in memory, as the loader would have mapped it.
struct TestModule {
    std::vector<uint8_t> bytes;
    std::optional<PeImage> image;
    Module module;
    std::vector<ImportedDll> imports;

    void* at(uint32_t rva) { return bytes.data() + rva; }
    void* iat_slot(size_t dll, size_t index) const {
        void* value;
        std::memcpy(&value, bytes.data() + imports[dll].iat_rva + 8 * index, sizeof value);
        return value;
    }
};

std::unique_ptr<TestModule> finish(PeBuilder& b, std::string_view name, std::vector<ImportedDll> imports = {},
                                   const std::function<void(TestModule&)>& damage = {}) {
    auto m = std::make_unique<TestModule>();
    m->imports = std::move(imports);
    m->bytes = b.mapped();
    if (damage) damage(*m);
    auto parsed = PeImage::parse(m->bytes, Layout::Mapped);
    EXPECT_TRUE(parsed.ok()) << parsed.error().message;
    m->image.emplace(std::move(*parsed));
    m->module.base = m->bytes.data();
    m->module.size = m->bytes.size();
    m->module.base_name = utf8_to_utf16(name);
    index_exports(m->module, *m->image);
    return m;
}

// A DLL exporting `defs` (ordinals from `base`), with 16 functions of .text.
std::unique_ptr<TestModule> make_dll(std::string_view name, const std::vector<ExportDef>& defs, uint32_t base = 1) {
    PeBuilder b;
    b.nt.FileHeader.Characteristics |= IMAGE_FILE_DLL;
    int text = b.add_section(".text", kCode);
    b.put_zeros(text, 256);
    int edata = b.add_section(".edata", kRead);
    pe::testing::put_exports(b, edata, name, base, defs);
    return finish(b, name);
}

// A program importing `dlls`; `damage` edits its bytes before they are parsed.
std::unique_ptr<TestModule> make_importer(std::vector<ImportedDll> dlls,
                                          const std::function<void(TestModule&)>& damage = {}) {
    PeBuilder b;
    int text = b.add_section(".text", kCode);
    b.put_zeros(text, 16);
    int rdata = b.add_section(".rdata", kRead);
    int data = b.add_section(".data", kWrite);
    pe::testing::put_imports(b, rdata, data, dlls);
    return finish(b, "app.exe", std::move(dlls), damage);
}

// The loader's DLL search, replaced by the test's modules.
class TestModules : public ModuleProvider {
public:
    void add(TestModule& m) { modules[m.module.base_name] = &m.module; }
    Module* load(std::u16string_view dll, DWORD& error) override {
        std::u16string name(dll);
        for (auto& c : name) c = ascii_lower(c);
        if (name.find(u'.') == std::u16string::npos) name += u".dll";
        loads.push_back(name);
        auto it = modules.find(name);
        if (it != modules.end()) return it->second;
        error = ERROR_MOD_NOT_FOUND;
        return nullptr;
    }
    void* builtin_target(const BuiltinExport& entry) override {
        return entry.relay_thunk ? entry.relay_thunk : entry.address;
    }

    std::map<std::u16string, Module*> modules;
    std::vector<std::u16string> loads;
};

class ImportBinding : public ::testing::Test {
protected:
    void SetUp() override {
        b = make_dll("b.dll", {{"FuncA", fn(0), ""}, {"FuncB", fn(1), ""}, {"", fn(2), ""}, {"FuncD", fn(3), ""}}, 10);
        modules.add(*b);
    }
    Expected<void> bind(TestModule& importer) { return bind_imports(modules, &importer.module, *importer.image); }

    TestModules modules;
    std::unique_ptr<TestModule> b;
};

// ---- names, ordinals, hints ----

TEST_F(ImportBinding, ByName) {
    auto app = make_importer({{"B.DLL", {{"FuncB", 0, 1}, {"FuncA", 0, 0}}}});
    ASSERT_TRUE(bind(*app).ok());
    EXPECT_EQ(app->iat_slot(0, 0), b->at(fn(1)));
    EXPECT_EQ(app->iat_slot(0, 1), b->at(fn(0)));
    ASSERT_EQ(app->module.dependencies.size(), 1u);
    EXPECT_EQ(app->module.dependencies[0], &b->module);
}

TEST_F(ImportBinding, ByOrdinal) {
    // Ordinals are biased by the export directory's Base (10 here); 12 is
    // the function exported by ordinal only.
    auto app = make_importer({{"b.dll", {{"", 12, 0}, {"", 10, 0}}}});
    ASSERT_TRUE(bind(*app).ok());
    EXPECT_EQ(app->iat_slot(0, 0), b->at(fn(2)));
    EXPECT_EQ(app->iat_slot(0, 1), b->at(fn(0)));
}

TEST_F(ImportBinding, DllNamesIgnoreCaseAndLoadOnce) {
    auto app = make_importer({{"B.dll", {{"FuncA", 0, 0}}}, {"b.DLL", {{"FuncD", 0, 2}}}});
    ASSERT_TRUE(bind(*app).ok());
    EXPECT_EQ(app->iat_slot(1, 0), b->at(fn(3)));
    EXPECT_EQ(app->module.dependencies.size(), 1u);  // one dependency, recorded once
}

TEST_F(ImportBinding, RightHintDecides) {
    // Two exports named "Dup" (name table slots 0 and 1): the hint picks one.
    auto dup = make_dll("dup.dll", {{"Dup", fn(0), ""}, {"Dup", fn(1), ""}});
    modules.add(*dup);
    auto app = make_importer({{"dup.dll", {{"Dup", 0, 1}, {"Dup", 0, 0}}}});
    ASSERT_TRUE(bind(*app).ok());
    EXPECT_EQ(app->iat_slot(0, 0), dup->at(fn(1)));
    EXPECT_EQ(app->iat_slot(0, 1), dup->at(fn(0)));
}

TEST_F(ImportBinding, WrongOrOutOfRangeHintIsIgnored) {
    // Hint 0 names FuncA, 500 names nothing: the name decides.
    auto app = make_importer({{"b.dll", {{"FuncB", 0, 0}, {"FuncD", 0, 500}}}});
    ASSERT_TRUE(bind(*app).ok());
    EXPECT_EQ(app->iat_slot(0, 0), b->at(fn(1)));
    EXPECT_EQ(app->iat_slot(0, 1), b->at(fn(3)));
}

// ---- forwarders ----

TEST_F(ImportBinding, ForwarderChain) {
    // a.F -> c.G -> d.H (by name), and a.ByOrd -> d.#5 (by ordinal).
    auto a = make_dll("a.dll", {{"F", 0, "c.G"}, {"ByOrd", 0, "D.#5"}});
    auto c = make_dll("c.dll", {{"G", 0, "d.H"}});
    auto d = make_dll("d.dll", {{"H", fn(4), ""}, {"Other", fn(5), ""}}, 4);
    modules.add(*a);
    modules.add(*c);
    modules.add(*d);
    auto app = make_importer({{"a.dll", {{"F", 0, 0}, {"ByOrd", 0, 1}}}});
    ASSERT_TRUE(bind(*app).ok());
    EXPECT_EQ(app->iat_slot(0, 0), d->at(fn(4)));
    EXPECT_EQ(app->iat_slot(0, 1), d->at(fn(5)));
}

TEST_F(ImportBinding, ForwarderLoopIsAnError) {
    auto a = make_dll("a.dll", {{"F", 0, "c.G"}, {"Self", 0, "a.Self"}});
    auto c = make_dll("c.dll", {{"G", 0, "a.F"}});
    modules.add(*a);
    modules.add(*c);
    auto app = make_importer({{"a.dll", {{"F", 0, 0}}}});
    auto bound = bind(*app);
    ASSERT_FALSE(bound.ok());
    EXPECT_EQ(bound.error().message, "forwarder loop: a.dll!F -> c.dll!G -> a.dll!F (imported by app.exe)");

    DWORD error = 0;
    auto self = resolve_export(modules, &a->module, ExportKey{"Self", 0, 0}, false, error);
    ASSERT_FALSE(self.ok());
    EXPECT_EQ(self.error().message, "forwarder loop: a.dll!Self -> a.dll!Self");
    EXPECT_EQ(error, ERROR_PROC_NOT_FOUND);
}

TEST_F(ImportBinding, ForwarderToAMissingDll) {
    auto a = make_dll("a.dll", {{"F", 0, "gone.Func"}});
    modules.add(*a);
    auto app = make_importer({{"a.dll", {{"F", 0, 0}}}});
    auto bound = bind(*app);
    ASSERT_FALSE(bound.ok());
    EXPECT_EQ(bound.error().message,
              "gone.dll (the target of forwarder a.dll!F -> gone.Func) was not found (imported by app.exe)");
}

TEST_F(ImportBinding, ForwarderToAMissingFunction) {
    auto a = make_dll("a.dll", {{"F", 0, "b.Nope"}});
    modules.add(*a);
    DWORD error = 0;
    auto address = resolve_export(modules, &a->module, ExportKey{"F", 0, 0}, false, error);
    ASSERT_FALSE(address.ok());
    EXPECT_EQ(address.error().message,
              "the procedure entry point Nope could not be located in b.dll (forwarded from a.dll!F)");
    EXPECT_EQ(error, ERROR_PROC_NOT_FOUND);
}

// ---- what is missing ----

TEST_F(ImportBinding, MissingDll) {
    auto app = make_importer({{"b.dll", {{"FuncA", 0, 0}}}, {"NotThere.dll", {{"X", 0, 0}}}});
    auto bound = bind(*app);
    ASSERT_FALSE(bound.ok());
    EXPECT_EQ(bound.error().message, "NotThere.dll (needed by app.exe) was not found");
}

TEST_F(ImportBinding, MissingFunction) {
    auto by_name = make_importer({{"b.dll", {{"FuncA", 0, 0}, {"Nope", 0, 0}}}});
    auto bound = bind(*by_name);
    ASSERT_FALSE(bound.ok());
    EXPECT_EQ(bound.error().message,
              "the procedure entry point Nope could not be located in b.dll (imported by app.exe)");

    auto by_ordinal = make_importer({{"b.dll", {{"", 99, 0}}}});
    bound = bind(*by_ordinal);
    ASSERT_FALSE(bound.ok());
    EXPECT_EQ(bound.error().message,
              "the procedure entry point ordinal 99 could not be located in b.dll (imported by app.exe)");
}

TEST_F(ImportBinding, UnusedOrdinalSlotIsMissing) {
    auto gap = make_dll("gap.dll", {{"A", fn(0), ""}, {"", 0, ""}});
    modules.add(*gap);
    DWORD error = 0;
    auto address = resolve_export(modules, &gap->module, ExportKey{nullptr, 2, 0}, false, error);
    EXPECT_FALSE(address.ok());
    EXPECT_EQ(error, ERROR_PROC_NOT_FOUND);
}

// ---- malformed import tables ----

TEST_F(ImportBinding, ImportNameOutOfBounds) {
    auto app = make_importer({{"b.dll", {{"FuncA", 0, 0}}}}, [](TestModule& m) {
        const ULONGLONG outside = 0x7fff0000;
        std::memcpy(m.bytes.data() + m.imports[0].lookup_rva, &outside, sizeof outside);
    });
    auto bound = bind(*app);
    ASSERT_FALSE(bound.ok());
    EXPECT_EQ(bound.error().message.rfind("bad PE image: ", 0), 0u) << bound.error().message;
    EXPECT_NE(bound.error().message.find("outside the image"), std::string::npos) << bound.error().message;
    EXPECT_TRUE(modules.loads.empty());  // nothing loaded for a bad image
}

TEST_F(ImportBinding, BadThunkRvas) {
    for (size_t field : {offsetof(IMAGE_IMPORT_DESCRIPTOR, OriginalFirstThunk),
                         offsetof(IMAGE_IMPORT_DESCRIPTOR, FirstThunk)}) {
        auto app = make_importer({{"b.dll", {{"FuncA", 0, 0}}}}, [field](TestModule& m) {
            const DWORD outside = 0x00ffff00;
            std::memcpy(m.bytes.data() + m.imports[0].descriptor_rva + field, &outside, sizeof outside);
        });
        auto bound = bind(*app);
        ASSERT_FALSE(bound.ok());
        EXPECT_EQ(bound.error().message.rfind("bad PE image: ", 0), 0u) << bound.error().message;
        EXPECT_NE(bound.error().message.find("0xffff00"), std::string::npos) << bound.error().message;
    }
}

// ---- builtin exporters ----

TEST_F(ImportBinding, BuiltinFunctionsStubsAndForwarders) {
    static char implementation, relay, trap;
    BuiltinDll dll{};
    BuiltinExport exports[3] = {};
    exports[0] = {"Traced", &implementation, &relay, "", nullptr, &dll, 1, ExportKind::Function, 0, 0};
    exports[1] = {"Later", &trap, nullptr, "", nullptr, &dll, 2, ExportKind::Stub, 0, 0};
    exports[2] = {"Fwd", nullptr, nullptr, "", "b.FuncD", &dll, 3, ExportKind::Forward, 0, 0};
    // The indexes vinebuild would emit: by name (byte order), by ordinal.
    static const uint16_t by_name[3] = {2, 1, 0};  // Fwd, Later, Traced
    static const uint16_t by_ordinal[3] = {0, 1, 2};
    dll.exports = exports;
    dll.export_count = 3;
    dll.named_count = 3;
    dll.by_name = by_name;
    dll.by_ordinal = by_ordinal;
    Module builtin;
    builtin.builtin = &dll;
    builtin.base_name = u"k.dll";
    DWORD error = 0;
    // Calls go where the provider says (the relay thunk here).
    auto traced = resolve_export(modules, &builtin, ExportKey{"Traced", 0, 0}, true, error);
    ASSERT_TRUE(traced.ok());
    EXPECT_EQ(*traced, &relay);
    // A stub binds to its trap for an import, and is not found by GetProcAddress.
    auto bound_stub = resolve_export(modules, &builtin, ExportKey{nullptr, 2, 0}, true, error);
    ASSERT_TRUE(bound_stub.ok());
    EXPECT_EQ(*bound_stub, &trap);
    error = 0;
    EXPECT_FALSE(resolve_export(modules, &builtin, ExportKey{"Later", 0, 0}, false, error).ok());
    EXPECT_EQ(error, ERROR_PROC_NOT_FOUND);
    // A builtin forwarder leads into a native module.
    auto forwarded = resolve_export(modules, &builtin, ExportKey{"Fwd", 0, 0}, false, error);
    ASSERT_TRUE(forwarded.ok());
    EXPECT_EQ(*forwarded, b->at(fn(3)));
}

}  // namespace
}  // namespace vine::loader
