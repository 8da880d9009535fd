// Units for the validating PE32+ reader (loader/pe_image.cpp). Every image is
// built in memory by PeBuilder; malformed ones are the sample image with one
// field broken, and each must give an Error naming the problem.
#include "pe_image.h"

#include <gtest/gtest.h>

#include <list>

#include "pe_builder.h"

namespace vine::pe {
namespace {

using testing::PeBuilder;
using testing::poke;
using testing::SampleImage;
using testing::make_sample_image;

#define EXPECT_ERROR_HAS(expr, substring)                                                        \
    do {                                                                                         \
        auto result_ = (expr);                                                                   \
        ASSERT_FALSE(result_.ok()) << "expected an error containing: " << (substring);           \
        EXPECT_NE(result_.error().message.find(substring), std::string::npos)                    \
            << "message: " << result_.error().message << "\nexpected to contain: " << (substring); \
    } while (0)

PeImage parse_ok(const std::vector<uint8_t>& bytes, Layout layout) {
    auto image = PeImage::parse(bytes, layout);
    if (!image) ADD_FAILURE() << "parse failed: " << image.error().message;
    return *image;  // throws (fails the test) when not ok
}

// A PeImage views its bytes: images parsed from temporaries keep them here.
PeImage parse_ok(std::vector<uint8_t>&& bytes, Layout layout) {
    static std::list<std::vector<uint8_t>> kept;
    kept.push_back(std::move(bytes));
    return parse_ok(kept.back(), layout);
}

// Calls every accessor; whatever they return, they must not crash.
void touch_everything(const PeImage& image) {
    (void)image.is_dll();
    (void)image.is_dotnet();
    (void)unsupported_reason(image);
    if (auto imports = image.imports())
        for (const auto& m : *imports)
            for (const auto& s : m.symbols) (void)s.name.size();
    (void)image.delay_imports();
    (void)image.exports();
    (void)image.export_module_name();
    (void)image.relocations();
    (void)image.tls_directory();
}

class SampleBothLayouts : public ::testing::TestWithParam<Layout> {
protected:
    SampleImage sample = make_sample_image();
    std::vector<uint8_t> bytes = sample.builder.build(GetParam() == Layout::Mapped);
};

TEST_P(SampleBothLayouts, Headers) {
    PeImage image = parse_ok(bytes, GetParam());
    EXPECT_EQ(image.layout(), GetParam());
    EXPECT_EQ(image.dos_header().e_lfanew, 0x40);
    EXPECT_EQ(image.nt_headers().FileHeader.Machine, IMAGE_FILE_MACHINE_AMD64);
    ASSERT_EQ(image.sections().size(), 5u);
    EXPECT_EQ(std::string(reinterpret_cast<const char*>(image.sections()[1].Name)), ".rdata");
    EXPECT_TRUE(image.is_dll());
    EXPECT_FALSE(image.is_dotnet());
    EXPECT_EQ(unsupported_reason(image), std::nullopt);
    EXPECT_EQ(image.preferred_base(), 0x140000000ull);
    EXPECT_EQ(image.size_of_image(), 0x6000u);
    EXPECT_EQ(image.entry_point_rva(), sample.export_func_a);
    EXPECT_EQ(image.directory(IMAGE_DIRECTORY_ENTRY_COM_DESCRIPTOR).VirtualAddress, 0u);
    EXPECT_EQ(image.directory(-1).VirtualAddress, 0u);
    EXPECT_EQ(image.directory(16).VirtualAddress, 0u);
}

TEST_P(SampleBothLayouts, Imports) {
    PeImage image = parse_ok(bytes, GetParam());
    auto imports = image.imports();
    ASSERT_TRUE(imports.ok()) << imports.error().message;
    ASSERT_EQ(imports->size(), 2u);
    const ImportedModule& k32 = (*imports)[0];
    EXPECT_EQ(k32.dll_name, "KERNEL32.dll");
    ASSERT_EQ(k32.symbols.size(), 3u);
    EXPECT_FALSE(k32.symbols[0].by_ordinal);
    EXPECT_EQ(k32.symbols[0].name, "ExitProcess");
    EXPECT_EQ(k32.symbols[0].hint, 0x167);
    EXPECT_EQ(k32.symbols[0].iat_slot_rva, sample.iat_kernel32);
    EXPECT_TRUE(k32.symbols[1].by_ordinal);
    EXPECT_EQ(k32.symbols[1].ordinal, 42);
    EXPECT_EQ(k32.symbols[1].iat_slot_rva, sample.iat_kernel32 + 8);
    EXPECT_EQ(k32.symbols[2].name, "GetProcAddress");
    EXPECT_EQ(k32.symbols[2].iat_slot_rva, sample.iat_kernel32 + 16);
    EXPECT_EQ(k32.delay_descriptor_rva, 0u);

    const ImportedModule& crt = (*imports)[1];  // no OriginalFirstThunk: read from the IAT
    EXPECT_EQ(crt.dll_name, "msvcrt.dll");
    ASSERT_EQ(crt.symbols.size(), 1u);
    EXPECT_EQ(crt.symbols[0].name, "printf");
    EXPECT_EQ(crt.symbols[0].hint, 0x4c);
    EXPECT_EQ(crt.symbols[0].iat_slot_rva, sample.iat_msvcrt);
}

TEST_P(SampleBothLayouts, DelayImports) {
    PeImage image = parse_ok(bytes, GetParam());
    auto delay = image.delay_imports();
    ASSERT_TRUE(delay.ok()) << delay.error().message;
    ASSERT_EQ(delay->size(), 1u);
    const ImportedModule& user32 = (*delay)[0];
    EXPECT_EQ(user32.dll_name, "USER32.dll");
    EXPECT_EQ(user32.delay_descriptor_rva, image.directory(IMAGE_DIRECTORY_ENTRY_DELAY_IMPORT).VirtualAddress);
    EXPECT_EQ(user32.delay_module_handle_rva, sample.delay_handle);
    ASSERT_EQ(user32.symbols.size(), 2u);
    EXPECT_EQ(user32.symbols[0].name, "MessageBoxA");
    EXPECT_EQ(user32.symbols[0].iat_slot_rva, sample.iat_delay);
    EXPECT_TRUE(user32.symbols[1].by_ordinal);
    EXPECT_EQ(user32.symbols[1].ordinal, 7);
    EXPECT_EQ(user32.symbols[1].iat_slot_rva, sample.iat_delay + 8);
}

TEST_P(SampleBothLayouts, Exports) {
    PeImage image = parse_ok(bytes, GetParam());
    auto name = image.export_module_name();
    ASSERT_TRUE(name.ok()) << name.error().message;
    EXPECT_EQ(*name, "sample.dll");
    auto exports = image.exports();
    ASSERT_TRUE(exports.ok()) << exports.error().message;
    ASSERT_EQ(exports->size(), 5u);
    const auto& e = *exports;
    EXPECT_EQ(e[0].ordinal, 5u);
    EXPECT_EQ(e[0].name, "FuncA");
    EXPECT_EQ(e[0].rva, sample.export_func_a);
    EXPECT_TRUE(e[0].forwarder.empty());
    EXPECT_EQ(e[1].ordinal, 6u);  // two names for one function
    EXPECT_EQ(e[1].name, "AliasB");
    EXPECT_EQ(e[2].ordinal, 6u);
    EXPECT_EQ(e[2].name, "FuncB");
    EXPECT_EQ(e[2].rva, sample.export_func_b);
    EXPECT_EQ(e[3].ordinal, 7u);  // unused slot, no name
    EXPECT_TRUE(e[3].name.empty());
    EXPECT_EQ(e[3].rva, 0u);
    EXPECT_EQ(e[4].ordinal, 8u);
    EXPECT_EQ(e[4].name, "HeapAlloc");
    EXPECT_EQ(e[4].forwarder, "NTDLL.RtlAllocateHeap");
}

TEST_P(SampleBothLayouts, Relocations) {
    PeImage image = parse_ok(bytes, GetParam());
    auto relocs = image.relocations();
    ASSERT_TRUE(relocs.ok()) << relocs.error().message;
    const uint32_t data = sample.builder.rva_of(sample.data);
    ASSERT_EQ(relocs->size(), 3u);  // the ABSOLUTE padding entry is skipped
    EXPECT_EQ((*relocs)[0].rva, data);
    EXPECT_EQ((*relocs)[0].type, IMAGE_REL_BASED_DIR64);
    EXPECT_EQ((*relocs)[1].rva, data + 0x10);
    EXPECT_EQ((*relocs)[2].rva, data + 0x20);
    EXPECT_EQ((*relocs)[2].type, IMAGE_REL_BASED_HIGHLOW);
}

TEST_P(SampleBothLayouts, Tls) {
    PeImage image = parse_ok(bytes, GetParam());
    auto tls = image.tls_directory();
    ASSERT_TRUE(tls.ok()) << tls.error().message;
    ASSERT_TRUE(tls->has_value());
    EXPECT_EQ((*tls)->EndAddressOfRawData - (*tls)->StartAddressOfRawData, 13u);
    EXPECT_EQ((*tls)->SizeOfZeroFill, 16u);
    EXPECT_GT((*tls)->AddressOfCallBacks, image.preferred_base());
}

TEST_P(SampleBothLayouts, BytesAndStrings) {
    PeImage image = parse_ok(bytes, GetParam());
    auto code = image.bytes_at_rva(sample.export_func_a, 1);
    ASSERT_TRUE(code.ok()) << code.error().message;
    EXPECT_EQ((*code)[0], 0xc3);
    auto headers = image.bytes_at_rva(0, 2);
    ASSERT_TRUE(headers.ok());
    EXPECT_EQ((*headers)[0], 'M');
    auto text = image.string_at_rva(image.sections()[1].VirtualAddress);
    ASSERT_TRUE(text.ok()) << text.error().message;
    EXPECT_EQ(*text, "KERNEL32.dll");
    EXPECT_ERROR_HAS(image.string_at_rva(image.sections()[1].VirtualAddress, 4), "longer than 0x4 bytes");
    EXPECT_ERROR_HAS(image.bytes_at_rva(0x6000, 1), "RVA 0x6000 is outside the image (SizeOfImage 0x6000)");
    EXPECT_ERROR_HAS(image.bytes_at_rva(0x5ff0, 0x20), GetParam() == Layout::Mapped
                                                           ? "RVA range [0x5ff0,0x6010) runs past the end of the image"
                                                           : "RVA 0x5ff0 is not in any section");
    if (GetParam() == Layout::File)
        EXPECT_ERROR_HAS(image.bytes_at_rva(0x5008, 0x20),
                         "RVA range [0x5008,0x5028) runs past the end of section .reloc [0x5000,0x5010)");
    else
        EXPECT_TRUE(image.bytes_at_rva(0x5008, 0x20).ok());
}

TEST_P(SampleBothLayouts, UnalignedBuffer) {
    std::vector<uint8_t> shifted(bytes.size() + 1);
    std::copy(bytes.begin(), bytes.end(), shifted.begin() + 1);
    auto image = PeImage::parse(std::span(shifted).subspan(1), GetParam());
    ASSERT_TRUE(image.ok()) << image.error().message;
    auto imports = image->imports();
    ASSERT_TRUE(imports.ok());
    EXPECT_EQ((*imports)[0].symbols[2].name, "GetProcAddress");
    ASSERT_TRUE(image->exports().ok());
    ASSERT_EQ(image->relocations()->size(), 3u);
}

INSTANTIATE_TEST_SUITE_P(PeImage, SampleBothLayouts, ::testing::Values(Layout::File, Layout::Mapped),
                         [](const auto& info) { return info.param == Layout::File ? "File" : "Mapped"; });

// ------------------------------------------------------- layouts differ --

TEST(PeImageLayout, FileLayoutTranslatesThroughSections) {
    SampleImage sample = make_sample_image();
    auto file = sample.builder.file();
    PeImage image = parse_ok(file, Layout::File);
    const IMAGE_SECTION_HEADER& rdata = image.sections()[1];
    auto at = image.bytes_at_rva(rdata.VirtualAddress, 4);
    ASSERT_TRUE(at.ok());
    EXPECT_EQ(at->data(), file.data() + rdata.PointerToRawData);
    EXPECT_NE(rdata.PointerToRawData, rdata.VirtualAddress);
}

TEST(PeImageLayout, MappedLayoutIsIdentity) {
    SampleImage sample = make_sample_image();
    auto mapped = sample.builder.mapped();
    PeImage image = parse_ok(mapped, Layout::Mapped);
    auto at = image.bytes_at_rva(0x2000, 4);
    ASSERT_TRUE(at.ok());
    EXPECT_EQ(at->data(), mapped.data() + 0x2000);
}

TEST(PeImageLayout, FileIsNotAMappedImage) {
    // The on-disk bytes are shorter than SizeOfImage.
    auto file = make_sample_image().builder.file();
    EXPECT_ERROR_HAS(PeImage::parse(file, Layout::Mapped), "less than SizeOfImage 0x6000");
}

TEST(PeImageLayout, UninitializedTailIsNotInTheFile) {
    PeBuilder b;
    int text = b.add_section(".text", IMAGE_SCN_CNT_CODE);
    b.put_zeros(text, 0x10);
    int bss = b.add_section(".bss", IMAGE_SCN_CNT_UNINITIALIZED_DATA, 2);
    b.put(bss, uint64_t{0x1122334455667788});
    b.sections[bss].header.VirtualSize = 0x1800;
    auto file = b.file();
    PeImage in_file = parse_ok(file, Layout::File);
    EXPECT_TRUE(in_file.bytes_at_rva(0x2000, 8).ok());
    EXPECT_ERROR_HAS(in_file.bytes_at_rva(0x2300, 8), "lies past the raw data of section .bss");
    EXPECT_ERROR_HAS(in_file.bytes_at_rva(0x37f8, 0x10), "runs past the end of section .bss [0x2000,0x3800)");
    EXPECT_ERROR_HAS(in_file.bytes_at_rva(0x3900, 1), "RVA 0x3900 is not in any section");
    PeImage in_memory = parse_ok(b.mapped(), Layout::Mapped);
    EXPECT_TRUE(in_memory.bytes_at_rva(0x2300, 8).ok());
}

TEST(PeImageLayout, FewerDataDirectories) {
    // Only the export and import directories: the section table moves up.
    auto file = make_sample_image().builder.file();
    const uint32_t optional_size = offsetof(IMAGE_OPTIONAL_HEADER64, DataDirectory) + 2 * 8;
    poke<WORD>(file, PeBuilder::kFileHeaderOffset + offsetof(IMAGE_FILE_HEADER, SizeOfOptionalHeader),
               optional_size);
    poke<DWORD>(file, PeBuilder::kOptionalHeaderOffset + offsetof(IMAGE_OPTIONAL_HEADER64, NumberOfRvaAndSizes), 2);
    std::memmove(file.data() + PeBuilder::kOptionalHeaderOffset + optional_size,
                 file.data() + PeBuilder::kSectionTableOffset, 5 * sizeof(IMAGE_SECTION_HEADER));
    PeImage image = parse_ok(file, Layout::File);
    EXPECT_EQ(image.sections().size(), 5u);
    EXPECT_EQ(image.directory(IMAGE_DIRECTORY_ENTRY_BASERELOC).VirtualAddress, 0u);
    EXPECT_EQ(image.optional_header().DataDirectory[IMAGE_DIRECTORY_ENTRY_TLS].VirtualAddress, 0u);
    ASSERT_TRUE(image.imports().ok());
    EXPECT_EQ(image.imports()->size(), 2u);
    EXPECT_EQ(image.exports()->size(), 5u);
    EXPECT_TRUE(image.relocations()->empty());
    EXPECT_FALSE(image.tls_directory()->has_value());
    EXPECT_TRUE(image.delay_imports()->empty());
}

TEST(PeImageLayout, NoDirectoriesAtAll) {
    PeBuilder b;
    b.put_zeros(b.add_section(".text", IMAGE_SCN_CNT_CODE), 4);
    PeImage image = parse_ok(b.file(), Layout::File);
    EXPECT_TRUE(image.imports()->empty());
    EXPECT_TRUE(image.exports()->empty());
    EXPECT_EQ(*image.export_module_name(), "");
    EXPECT_TRUE(image.relocations()->empty());
    EXPECT_FALSE(image.is_dll());
}

TEST(PeImageLayout, DotNetIsUnsupported) {
    SampleImage sample = make_sample_image(false);
    sample.builder.set_directory(IMAGE_DIRECTORY_ENTRY_COM_DESCRIPTOR, sample.builder.rva_of(sample.rdata), 0x48);
    PeImage image = parse_ok(sample.builder.file(), Layout::File);
    EXPECT_TRUE(image.is_dotnet());
    auto reason = unsupported_reason(image);
    ASSERT_TRUE(reason.has_value());
    EXPECT_NE(reason->find(".NET assembly"), std::string::npos);
}

// --------------------------------------------------------- bad headers --

struct HeaderOffsets {
    static constexpr size_t file = PeBuilder::kFileHeaderOffset;
    static constexpr size_t opt = PeBuilder::kOptionalHeaderOffset;
};

std::vector<uint8_t> sample_file() { return make_sample_image().builder.file(); }

TEST(PeImageBadHeaders, TruncatedDosHeader) {
    auto file = sample_file();
    file.resize(0x3f);
    EXPECT_ERROR_HAS(PeImage::parse(file, Layout::File), "truncated DOS header");
    EXPECT_ERROR_HAS(PeImage::parse({}, Layout::File), "truncated DOS header");
}

TEST(PeImageBadHeaders, BadDosSignature) {
    auto file = sample_file();
    file[0] = 'Z';
    EXPECT_ERROR_HAS(PeImage::parse(file, Layout::File), "bad DOS signature 0x5a5a");
}

TEST(PeImageBadHeaders, LfanewPastEnd) {
    auto file = sample_file();
    poke<LONG>(file, offsetof(IMAGE_DOS_HEADER, e_lfanew), 0x100000);
    EXPECT_ERROR_HAS(PeImage::parse(file, Layout::File), "e_lfanew 0x100000 points past the end of the file");
    poke<LONG>(file, offsetof(IMAGE_DOS_HEADER, e_lfanew), -8);
    EXPECT_ERROR_HAS(PeImage::parse(file, Layout::File), "e_lfanew 0xfffffff8 points past the end");
}

TEST(PeImageBadHeaders, TruncatedNtHeaders) {
    auto file = sample_file();
    file.resize(PeBuilder::kLfanew + 10);
    EXPECT_ERROR_HAS(PeImage::parse(file, Layout::File), "truncated NT headers at 0x40");
    file = sample_file();
    file.resize(HeaderOffsets::opt + 100);
    EXPECT_ERROR_HAS(PeImage::parse(file, Layout::File), "truncated optional header");
}

TEST(PeImageBadHeaders, BadPeSignature) {
    auto file = sample_file();
    file[PeBuilder::kLfanew + 1] = 'X';
    EXPECT_ERROR_HAS(PeImage::parse(file, Layout::File), "bad PE signature 0x00005850 at 0x40");
}

TEST(PeImageBadHeaders, Pe32IsRejectedWithAClearMessage) {
    auto file = sample_file();
    poke<WORD>(file, HeaderOffsets::opt, IMAGE_NT_OPTIONAL_HDR32_MAGIC);
    poke<WORD>(file, HeaderOffsets::file, IMAGE_FILE_MACHINE_I386);
    auto result = PeImage::parse(file, Layout::File);
    EXPECT_ERROR_HAS(result, "32-bit PE32 image");
    EXPECT_ERROR_HAS(result, "only x86-64 PE32+ images are supported");
}

TEST(PeImageBadHeaders, WrongMachine) {
    auto file = sample_file();
    poke<WORD>(file, HeaderOffsets::file, IMAGE_FILE_MACHINE_I386);
    EXPECT_ERROR_HAS(PeImage::parse(file, Layout::File), "machine 0x14c (i386) is not x86-64");
    poke<WORD>(file, HeaderOffsets::file, 0xaa64);
    EXPECT_ERROR_HAS(PeImage::parse(file, Layout::File), "machine 0xaa64 (ARM64)");
}

TEST(PeImageBadHeaders, UnknownMagic) {
    auto file = sample_file();
    poke<WORD>(file, HeaderOffsets::opt, 0x107);
    EXPECT_ERROR_HAS(PeImage::parse(file, Layout::File), "unknown optional header magic 0x107");
}

TEST(PeImageBadHeaders, OptionalHeaderSizes) {
    auto file = sample_file();
    const size_t count = HeaderOffsets::opt + offsetof(IMAGE_OPTIONAL_HEADER64, NumberOfRvaAndSizes);
    poke<DWORD>(file, count, 17);
    EXPECT_ERROR_HAS(PeImage::parse(file, Layout::File), "NumberOfRvaAndSizes 17 is more than 16");
    file = sample_file();
    poke<WORD>(file, HeaderOffsets::file + offsetof(IMAGE_FILE_HEADER, SizeOfOptionalHeader), 0x60);
    EXPECT_ERROR_HAS(PeImage::parse(file, Layout::File), "SizeOfOptionalHeader 0x60 is smaller");
    file = sample_file();
    poke<WORD>(file, HeaderOffsets::file + offsetof(IMAGE_FILE_HEADER, SizeOfOptionalHeader), 0x80);
    EXPECT_ERROR_HAS(PeImage::parse(file, Layout::File), "too small for NumberOfRvaAndSizes 16");
}

TEST(PeImageBadHeaders, Alignments) {
    auto file = sample_file();
    const size_t section_alignment = HeaderOffsets::opt + offsetof(IMAGE_OPTIONAL_HEADER64, SectionAlignment);
    const size_t file_alignment = HeaderOffsets::opt + offsetof(IMAGE_OPTIONAL_HEADER64, FileAlignment);
    poke<DWORD>(file, section_alignment, 0x1800);
    EXPECT_ERROR_HAS(PeImage::parse(file, Layout::File), "SectionAlignment 0x1800 is not a power of two");
    file = sample_file();
    poke<DWORD>(file, file_alignment, 0);
    EXPECT_ERROR_HAS(PeImage::parse(file, Layout::File), "FileAlignment 0x0 is not a power of two");
    poke<DWORD>(file, file_alignment, 0x2000);
    EXPECT_ERROR_HAS(PeImage::parse(file, Layout::File), "FileAlignment 0x2000 is larger than SectionAlignment");
}

TEST(PeImageBadHeaders, SizesOfImageAndHeaders) {
    auto file = sample_file();
    const size_t size_of_image = HeaderOffsets::opt + offsetof(IMAGE_OPTIONAL_HEADER64, SizeOfImage);
    const size_t size_of_headers = HeaderOffsets::opt + offsetof(IMAGE_OPTIONAL_HEADER64, SizeOfHeaders);
    poke<DWORD>(file, size_of_image, 0);
    EXPECT_ERROR_HAS(PeImage::parse(file, Layout::File), "SizeOfImage is 0");
    poke<DWORD>(file, size_of_image, 0x5000);
    EXPECT_ERROR_HAS(PeImage::parse(file, Layout::File), "section .reloc [0x5000,0x5010) runs past SizeOfImage");
    file = sample_file();
    poke<DWORD>(file, size_of_headers, 0x200);
    EXPECT_ERROR_HAS(PeImage::parse(file, Layout::File), "lies outside the headers (SizeOfHeaders 0x200)");
    poke<DWORD>(file, size_of_headers, 0x1200);
    EXPECT_ERROR_HAS(PeImage::parse(file, Layout::File), "section .text at RVA 0x1000 overlaps the headers");
}

TEST(PeImageBadHeaders, SectionTablePastEnd) {
    auto file = sample_file();
    poke<WORD>(file, HeaderOffsets::file + offsetof(IMAGE_FILE_HEADER, NumberOfSections), 0xffff);
    EXPECT_ERROR_HAS(PeImage::parse(file, Layout::File), "section table [0x148,0x280120) (65535 sections) lies past the end of the file");
}

// -------------------------------------------------------- bad sections --

TEST(PeImageBadSections, RawDataPastEndOfFile) {
    auto file = sample_file();
    file.resize(file.size() - 0x100);
    EXPECT_ERROR_HAS(PeImage::parse(file, Layout::File),
                     "section .reloc raw data [0xc00,0xe00) lies past the end of the file (size 0xd00)");
    // The raw data does not matter for a mapped image.
    SampleImage sample = make_sample_image();
    sample.builder.sections[sample.reloc].header.PointerToRawData = 0x7fffffff;
    EXPECT_TRUE(PeImage::parse(sample.builder.mapped(), Layout::Mapped).ok());
}

TEST(PeImageBadSections, Overlapping) {
    SampleImage sample = make_sample_image();
    sample.builder.sections[sample.text].header.VirtualSize = 0x1800;
    EXPECT_ERROR_HAS(PeImage::parse(sample.builder.file(), Layout::File),
                     "section .rdata [0x2000,");
    EXPECT_ERROR_HAS(PeImage::parse(sample.builder.file(), Layout::File), "overlaps section .text [0x1000,0x2800)");
}

TEST(PeImageBadSections, OutOfOrder) {
    SampleImage sample = make_sample_image();
    std::swap(sample.builder.sections[sample.data].header.VirtualAddress,
              sample.builder.sections[sample.edata].header.VirtualAddress);
    EXPECT_ERROR_HAS(PeImage::parse(sample.builder.file(), Layout::File),
                     "section .edata at RVA 0x3000 comes after section .data at RVA 0x4000");
}

TEST(PeImageBadSections, Misaligned) {
    SampleImage sample = make_sample_image();
    sample.builder.sections[sample.reloc].header.VirtualAddress = 0x5100;
    EXPECT_ERROR_HAS(PeImage::parse(sample.builder.file(), Layout::File),
                     "section .reloc VirtualAddress 0x5100 is not a multiple of SectionAlignment 0x1000");
}

TEST(PeImageBadSections, VirtualRangeOverflows) {
    SampleImage sample = make_sample_image();
    sample.builder.sections[sample.reloc].header.VirtualSize = 0xfffff000;
    EXPECT_ERROR_HAS(PeImage::parse(sample.builder.file(), Layout::File), "[0x5000,0x100004000) runs past SizeOfImage");
}

// --------------------------------------------------------- bad imports --

TEST(PeImageBadImports, DirectoryOutsideImage) {
    SampleImage sample = make_sample_image();
    sample.builder.set_directory(IMAGE_DIRECTORY_ENTRY_IMPORT, 0x100000, 40);
    for (bool mapped : {false, true}) {
        PeImage image = parse_ok(sample.builder.build(mapped), mapped ? Layout::Mapped : Layout::File);
        EXPECT_ERROR_HAS(image.imports(), "import directory RVA 0x100000 is outside the image");
    }
}

TEST(PeImageBadImports, DllNameOutOfBounds) {
    SampleImage sample = make_sample_image();
    const uint32_t dir = sample.builder.nt.OptionalHeader.DataDirectory[IMAGE_DIRECTORY_ENTRY_IMPORT].VirtualAddress;
    sample.builder.patch_rva<DWORD>(dir + offsetof(IMAGE_IMPORT_DESCRIPTOR, Name), 0x9000);
    PeImage image = parse_ok(sample.builder.file(), Layout::File);
    EXPECT_ERROR_HAS(image.imports(), "import DLL name RVA 0x9000 is outside the image");
}

TEST(PeImageBadImports, HintNameOutOfBounds) {
    SampleImage sample = make_sample_image();
    sample.builder.patch_rva<ULONGLONG>(sample.iat_msvcrt, 0x5ffff);  // msvcrt reads names from its IAT
    for (bool mapped : {false, true}) {
        PeImage image = parse_ok(sample.builder.build(mapped), mapped ? Layout::Mapped : Layout::File);
        auto imports = image.imports();
        EXPECT_ERROR_HAS(imports, "imports from msvcrt.dll: import hint/name entry RVA 0x5ffff is outside the image");
    }
    // A name whose terminator is past the end of its section's data.
    PeBuilder b;
    int idata = b.add_section(".idata", IMAGE_SCN_CNT_INITIALIZED_DATA);
    const uint32_t dll = b.put_string(idata, "a.dll");
    const ULONGLONG thunks[] = {0, 0};
    const uint32_t iat = b.put(idata, thunks, sizeof thunks, 8);
    IMAGE_IMPORT_DESCRIPTOR d[2] = {};
    d[0].Name = dll;
    d[0].FirstThunk = iat;
    const uint32_t dir = b.put(idata, d, sizeof d, 4);
    b.set_directory(IMAGE_DIRECTORY_ENTRY_IMPORT, dir, sizeof d);
    b.patch_rva<ULONGLONG>(iat, b.put(idata, "\x01\x00NoTerminator", 14, 1));
    PeImage image = parse_ok(b.file(), Layout::File);
    EXPECT_ERROR_HAS(image.imports(), "import name string at RVA 0x");
    EXPECT_ERROR_HAS(image.imports(), "is not NUL-terminated before the end of section .idata");
}

TEST(PeImageBadImports, DllNameWithPathOrControlCharacters) {
    SampleImage sample = make_sample_image();
    const uint32_t name = sample.builder.rva_of(sample.rdata);  // "KERNEL32.dll"
    sample.builder.patch_rva<char>(name + 8, '/');
    PeImage image = parse_ok(sample.builder.file(), Layout::File);
    EXPECT_ERROR_HAS(image.imports(), "import descriptor at RVA 0x");
    EXPECT_ERROR_HAS(image.imports(), "DLL name at RVA 0x2000 contains byte 0x2f");
    sample.builder.patch_rva<char>(name, '\x01');
    image = parse_ok(sample.builder.file(), Layout::File);
    EXPECT_ERROR_HAS(image.imports(), "contains byte 0x01");
    sample.builder.patch_rva<char>(name, 0);
    image = parse_ok(sample.builder.file(), Layout::File);
    EXPECT_ERROR_HAS(image.imports(), "DLL name at RVA 0x2000 is empty");
}

TEST(PeImageBadImports, ReservedThunkBits) {
    SampleImage sample = make_sample_image();
    sample.builder.patch_rva<ULONGLONG>(sample.iat_msvcrt, 0x100002000ull);
    PeImage image = parse_ok(sample.builder.file(), Layout::File);
    EXPECT_ERROR_HAS(image.imports(), "is neither an ordinal nor a hint/name RVA");
}

// One descriptor filling the end of its section, no all-zero one after it.
PeBuilder unterminated_descriptors() {
    PeBuilder b;
    int idata = b.add_section(".idata", IMAGE_SCN_CNT_INITIALIZED_DATA);
    const uint32_t dll = b.put_string(idata, "a.dll");
    const uint32_t name = b.put_hint_name(idata, 1, "f");
    const ULONGLONG thunks[] = {name, 0};
    const uint32_t iat = b.put(idata, thunks, sizeof thunks, 8);
    IMAGE_IMPORT_DESCRIPTOR d{};
    d.Name = dll;
    d.FirstThunk = iat;
    const uint32_t dir = b.put(idata, d, 4);
    b.set_directory(IMAGE_DIRECTORY_ENTRY_IMPORT, dir, sizeof d);
    // Another section right after, full of nonzero bytes.
    int next = b.add_section(".data", IMAGE_SCN_CNT_INITIALIZED_DATA);
    std::vector<uint8_t> filler(0x100, 0x41);
    b.put(next, filler.data(), filler.size());
    return b;
}

TEST(PeImageBadImports, DescriptorListRunsOffItsSection) {
    PeBuilder b = unterminated_descriptors();
    for (bool mapped : {false, true}) {
        PeImage image = parse_ok(b.build(mapped), mapped ? Layout::Mapped : Layout::File);
        EXPECT_ERROR_HAS(image.imports(), "import descriptor list at RVA 0x");
        EXPECT_ERROR_HAS(image.imports(), "runs past the end of section .idata [0x1000,");
        EXPECT_ERROR_HAS(image.imports(), "without an all-zero terminator (after 1 descriptors)");
    }
}

TEST(PeImageBadImports, LookupTableRunsOffItsSection) {
    PeBuilder b;
    int idata = b.add_section(".idata", IMAGE_SCN_CNT_INITIALIZED_DATA);
    const uint32_t dll = b.put_string(idata, "a.dll");
    const uint32_t name = b.put_hint_name(idata, 1, "f");
    IMAGE_IMPORT_DESCRIPTOR d[2] = {};
    d[0].Name = dll;
    const uint32_t dir = b.put(idata, d, sizeof d, 4);
    b.set_directory(IMAGE_DIRECTORY_ENTRY_IMPORT, dir, sizeof d);
    const ULONGLONG thunk = name;
    const uint32_t iat = b.put(idata, thunk, 8);  // no zero entry after it
    b.patch_rva<DWORD>(dir + offsetof(IMAGE_IMPORT_DESCRIPTOR, FirstThunk), iat);
    PeImage image = parse_ok(b.file(), Layout::File);
    EXPECT_ERROR_HAS(image.imports(), "imports from a.dll: import lookup table at RVA");
    EXPECT_ERROR_HAS(image.imports(), "without a terminating zero entry (after 1 entries)");
}

TEST(PeImageBadImports, MissingFirstThunk) {
    SampleImage sample = make_sample_image();
    const uint32_t dir = sample.builder.nt.OptionalHeader.DataDirectory[IMAGE_DIRECTORY_ENTRY_IMPORT].VirtualAddress;
    sample.builder.patch_rva<DWORD>(dir + offsetof(IMAGE_IMPORT_DESCRIPTOR, FirstThunk), 0);
    PeImage image = parse_ok(sample.builder.file(), Layout::File);
    EXPECT_ERROR_HAS(image.imports(), "imports from KERNEL32.dll: FirstThunk");
}

TEST(PeImageBadImports, IatOutsideImage) {
    SampleImage sample = make_sample_image();
    const uint32_t dir = sample.builder.nt.OptionalHeader.DataDirectory[IMAGE_DIRECTORY_ENTRY_IMPORT].VirtualAddress;
    sample.builder.patch_rva<DWORD>(dir + offsetof(IMAGE_IMPORT_DESCRIPTOR, FirstThunk), 0x5ff8);
    PeImage image = parse_ok(sample.builder.file(), Layout::File);
    EXPECT_ERROR_HAS(image.imports(), "import address table slot at RVA 0x6000 is outside the image");
}

TEST(PeImageBadImports, DirectoryInUninitializedTail) {
    PeBuilder b = unterminated_descriptors();
    b.sections[0].header.VirtualSize = 0x800;
    b.set_directory(IMAGE_DIRECTORY_ENTRY_IMPORT, 0x1600, 40);
    PeImage image = parse_ok(b.file(), Layout::File);
    EXPECT_ERROR_HAS(image.imports(), "import descriptor list at RVA 0x1600 runs past the end of section .idata");
}

TEST(PeImageBadImports, VaBasedDelayLoadDescriptor) {
    SampleImage sample = make_sample_image();
    const uint32_t dir =
        sample.builder.nt.OptionalHeader.DataDirectory[IMAGE_DIRECTORY_ENTRY_DELAY_IMPORT].VirtualAddress;
    sample.builder.patch_rva<DWORD>(dir, 0);
    PeImage image = parse_ok(sample.builder.file(), Layout::File);
    EXPECT_ERROR_HAS(image.delay_imports(), "uses the old VA-based form (Attributes 0x0)");
    sample.builder.patch_rva<DWORD>(dir, 1);
    sample.builder.patch_rva<DWORD>(dir + offsetof(IMAGE_DELAYLOAD_DESCRIPTOR, ImportNameTableRVA), 0x8000);
    image = parse_ok(sample.builder.file(), Layout::File);
    EXPECT_ERROR_HAS(image.delay_imports(),
                     "delay-load imports from USER32.dll: import lookup table RVA 0x8000 is outside the image");
}

// ----------------------------------------------------- bad relocations --

PeImage sample_with_reloc_block(IMAGE_BASE_RELOCATION block, std::vector<WORD> entries, uint32_t extra_size = 0,
                                bool mapped = false) {
    SampleImage sample = make_sample_image();
    PeBuilder& b = sample.builder;
    b.sections[sample.reloc].data.clear();
    const uint32_t rva = b.put(sample.reloc, block, 4);
    b.put(sample.reloc, entries.data(), entries.size() * 2, 2);
    b.set_directory(IMAGE_DIRECTORY_ENTRY_BASERELOC, rva, b.here(sample.reloc) - rva + extra_size);
    static std::vector<uint8_t> keep[2];  // the image views these bytes
    keep[mapped] = b.build(mapped);
    return parse_ok(keep[mapped], mapped ? Layout::Mapped : Layout::File);
}

TEST(PeImageBadRelocations, BlockSizeTooSmall) {
    EXPECT_ERROR_HAS(sample_with_reloc_block({0x3000, 4}, {0, 0}).relocations(),
                     "relocation block at RVA 0x5000 has size 0x4 (must be >= 8 and a multiple of 2)");
}

TEST(PeImageBadRelocations, BlockSizeOdd) {
    EXPECT_ERROR_HAS(sample_with_reloc_block({0x3000, 11}, {0, 0}).relocations(),
                     "has size 0xb (must be >= 8 and a multiple of 2)");
}

TEST(PeImageBadRelocations, BlockPastDirectory) {
    EXPECT_ERROR_HAS(sample_with_reloc_block({0x3000, 0x100}, {0xa000, 0}).relocations(),
                     "relocation block at RVA 0x5000 has size 0x100, past the end of the relocation directory "
                     "(0xc bytes left)");
}

TEST(PeImageBadRelocations, TrailingBytes) {
    EXPECT_ERROR_HAS(sample_with_reloc_block({0x3000, 12}, {0xa000, 0, 0, 0}).relocations(),
                     "ends with 0x4 bytes, too few for a block header");
}

TEST(PeImageBadRelocations, DirectoryPastSection) {
    EXPECT_ERROR_HAS(sample_with_reloc_block({0x3000, 12}, {0xa000, 0}, 0x1000).relocations(),
                     "relocation directory RVA range [0x5000,0x600c) runs past the end of section .reloc");
    EXPECT_ERROR_HAS(sample_with_reloc_block({0x3000, 12}, {0xa000, 0}, 0x1000, true).relocations(),
                     "relocation directory RVA range [0x5000,0x600c) runs past the end of the image");
}

TEST(PeImageBadRelocations, UnsupportedType) {
    EXPECT_ERROR_HAS(sample_with_reloc_block({0x3000, 12}, {0xa000, 0x5008}).relocations(),
                     "relocation block at RVA 0x5000 entry 1 has type 5 (IMAGE_REL_BASED_MIPS_JMPADDR/ARM_MOV32)");
    EXPECT_ERROR_HAS(sample_with_reloc_block({0x3000, 12}, {0x4008, 0}).relocations(),
                     "type 4 (IMAGE_REL_BASED_HIGHADJ)");
}

TEST(PeImageBadRelocations, TargetOutsideImage) {
    EXPECT_ERROR_HAS(sample_with_reloc_block({0x5000, 12}, {0xaffc, 0}).relocations(),
                     "entry 0 patches [0x5ffc,0x6004), outside the image");
    EXPECT_ERROR_HAS(sample_with_reloc_block({0x7000, 12}, {0xa000, 0}).relocations(),
                     "is for page RVA 0x7000, outside the image");
    EXPECT_EQ(sample_with_reloc_block({0x5000, 12}, {0x3ffc, 0}).relocations()->size(), 1u);
}

// ---------------------------------------------------------- bad exports --

class BadExports : public ::testing::Test {
protected:
    void patch_directory(size_t field_offset, DWORD value) {
        sample.builder.patch_rva<DWORD>(sample.export_dir + static_cast<uint32_t>(field_offset), value);
        bytes = sample.builder.file();
    }
    Expected<std::vector<Export>> exports() { return parse_ok(bytes, Layout::File).exports(); }

    SampleImage sample = make_sample_image();
    std::vector<uint8_t> bytes;
};

TEST_F(BadExports, FunctionTableOutOfBounds) {
    patch_directory(offsetof(IMAGE_EXPORT_DIRECTORY, AddressOfFunctions), 0x7000);
    EXPECT_ERROR_HAS(exports(), "export address table RVA 0x7000 is outside the image");
}

TEST_F(BadExports, FunctionTableRunsPastSection) {
    patch_directory(offsetof(IMAGE_EXPORT_DIRECTORY, NumberOfFunctions), 0x4000);
    patch_directory(offsetof(IMAGE_EXPORT_DIRECTORY, NumberOfFunctions), 0x400);
    EXPECT_ERROR_HAS(exports(), "export address table RVA range [");
    EXPECT_ERROR_HAS(exports(), "runs past the end of section .edata");
}

TEST_F(BadExports, TooManyOrdinals) {
    patch_directory(offsetof(IMAGE_EXPORT_DIRECTORY, Base), 0xfffe);
    EXPECT_ERROR_HAS(exports(), "export ordinals run past 0xffff (Base 0xfffe, NumberOfFunctions 0x4)");
}

TEST_F(BadExports, NameTablesOutOfBounds) {
    patch_directory(offsetof(IMAGE_EXPORT_DIRECTORY, AddressOfNames), 0xffffff00);
    EXPECT_ERROR_HAS(exports(), "export name pointer table RVA 0xffffff00 is outside the image");
    sample = make_sample_image();
    patch_directory(offsetof(IMAGE_EXPORT_DIRECTORY, AddressOfNameOrdinals), 0x500c);
    EXPECT_ERROR_HAS(exports(), "export ordinal table RVA range [0x500c,0x5014) runs past the end of section .reloc");
    sample = make_sample_image();
    patch_directory(offsetof(IMAGE_EXPORT_DIRECTORY, NumberOfNames), 0xffffffff);
    EXPECT_ERROR_HAS(exports(), "NumberOfNames 0xffffffff is more than 0x10000");
}

TEST_F(BadExports, NameRvaOutOfBounds) {
    bytes = sample.builder.file();
    PeImage image = parse_ok(bytes, Layout::File);
    // First name pointer → out of the image.
    DWORD names_rva = 0;
    std::memcpy(&names_rva, image.bytes_at_rva(sample.export_dir + offsetof(IMAGE_EXPORT_DIRECTORY, AddressOfNames), 4)->data(), 4);
    sample.builder.patch_rva<DWORD>(names_rva, 0x12345678);
    bytes = sample.builder.file();
    EXPECT_ERROR_HAS(exports(), "export name RVA 0x12345678 is outside the image");
}

TEST_F(BadExports, NameOrdinalPastFunctionTable) {
    patch_directory(offsetof(IMAGE_EXPORT_DIRECTORY, NumberOfFunctions), 1);
    EXPECT_ERROR_HAS(exports(), "export AliasB has ordinal index 0x1 past the export address table (0x1 entries)");
}

TEST_F(BadExports, FunctionRvaOutsideImage) {
    bytes = sample.builder.file();
    DWORD functions_rva = 0;
    std::memcpy(&functions_rva,
                parse_ok(bytes, Layout::File)
                    .bytes_at_rva(sample.export_dir + offsetof(IMAGE_EXPORT_DIRECTORY, AddressOfFunctions), 4)
                    ->data(),
                4);
    sample.builder.patch_rva<DWORD>(functions_rva + 4, 0x6000);
    bytes = sample.builder.file();
    EXPECT_ERROR_HAS(exports(), "export ordinal 6 RVA 0x6000 is outside the image");
}

TEST_F(BadExports, MalformedForwarder) {
    bytes = sample.builder.file();
    auto image = parse_ok(bytes, Layout::File);
    const uint32_t forwarder_rva = (*image.exports())[4].rva;
    sample.builder.patch_rva<char>(forwarder_rva + 5, '_');  // "NTDLL_RtlAllocateHeap"
    bytes = sample.builder.file();
    EXPECT_ERROR_HAS(exports(), "export ordinal 8 forwarder \"NTDLL_RtlAllocateHeap\" is not of the form DLL.Function");
}

TEST_F(BadExports, DirectoryOutOfBounds) {
    const uint32_t rva = sample.builder.here(sample.edata) - 0x10;
    sample.builder.set_directory(IMAGE_DIRECTORY_ENTRY_EXPORT, rva, 0x28);
    bytes = sample.builder.file();
    EXPECT_ERROR_HAS(exports(), "runs past the end of section .edata");
    EXPECT_ERROR_HAS(exports(), "export directory RVA range [0x");
    EXPECT_ERROR_HAS(parse_ok(bytes, Layout::File).export_module_name(), "export directory RVA range");
}

TEST(PeImageBadTls, DirectoryOutOfBounds) {
    SampleImage sample = make_sample_image();
    sample.builder.set_directory(IMAGE_DIRECTORY_ENTRY_TLS, 0x5ff0, 0x28);
    for (bool mapped : {false, true}) {
        auto bytes = sample.builder.build(mapped);
        PeImage image = parse_ok(bytes, mapped ? Layout::Mapped : Layout::File);
        EXPECT_ERROR_HAS(image.tls_directory(), mapped ? "TLS directory RVA range [0x5ff0,0x6018) runs past the end of the image"
                                                       : "TLS directory RVA 0x5ff0 is not in any section");
    }
}

// -------------------------------------------- everything, truncated/flipped --

TEST(PeImageRobustness, EveryTruncationFailsCleanly) {
    for (bool mapped : {false, true}) {
        auto bytes = make_sample_image().builder.build(mapped);
        for (size_t size = 0; size < bytes.size(); size += 7) {
            std::vector<uint8_t> prefix(bytes.begin(), bytes.begin() + size);
            auto image = PeImage::parse(prefix, mapped ? Layout::Mapped : Layout::File);
            if (image) touch_everything(*image);
            EXPECT_FALSE(image.ok()) << "prefix of 0x" << std::hex << size << " bytes parsed";
        }
    }
}

TEST(PeImageRobustness, SingleByteCorruptionsNeverCrash) {
    for (bool mapped : {false, true}) {
        const auto original = make_sample_image().builder.build(mapped);
        const Layout layout = mapped ? Layout::Mapped : Layout::File;
        for (size_t offset = 0; offset < original.size(); ++offset) {
            if (original[offset] == 0 && (offset % 13) != 0) continue;  // keep the run short
            for (uint8_t value : {uint8_t{0}, uint8_t{0xff}, uint8_t(original[offset] ^ 0x80)}) {
                auto bytes = original;
                bytes[offset] = value;
                if (auto image = PeImage::parse(bytes, layout)) touch_everything(*image);
            }
        }
    }
}

// ---- the resource directory ----

// A .rsrc of one type (named "T"), one name (id 7) and one language (0x409)
// whose data is the 4 bytes "data". Offsets are from the section's start.
struct ResourceImage {
    PeBuilder builder;
    int section = 0;
    uint32_t root = 0;
};

ResourceImage make_resource_image() {
    ResourceImage r;
    r.section = r.builder.add_section(".rsrc", IMAGE_SCN_CNT_INITIALIZED_DATA | IMAGE_SCN_MEM_READ);
    auto& b = r.builder;
    r.root = b.rva_of(r.section);
    auto dir = [](WORD named, WORD ids) { return IMAGE_RESOURCE_DIRECTORY{0, 0, 0, 0, named, ids}; };
    b.put(r.section, dir(1, 0));                                                   // 0x00 root
    b.put(r.section, IMAGE_RESOURCE_DIRECTORY_ENTRY{0x80000000 | 0x48, 0x80000000 | 0x18});
    b.put(r.section, dir(0, 1));                                                   // 0x18 names
    b.put(r.section, IMAGE_RESOURCE_DIRECTORY_ENTRY{7, 0x80000000 | 0x30});
    b.put(r.section, dir(0, 1));                                                   // 0x30 languages
    b.put(r.section, IMAGE_RESOURCE_DIRECTORY_ENTRY{0x409, 0x50});
    WORD name[2] = {1, u'T'};                                                      // 0x48 "T"
    b.put(r.section, name);
    b.put_zeros(r.section, 4);
    b.put(r.section, IMAGE_RESOURCE_DATA_ENTRY{r.root + 0x60, 4, 0, 0});           // 0x50
    b.put(r.section, "data", 4);                                                   // 0x60
    b.set_directory(IMAGE_DIRECTORY_ENTRY_RESOURCE, r.root, 0x64);
    return r;
}

TEST(PeImageResources, WalksTypeNameLanguageData) {
    ResourceImage r = make_resource_image();
    for (bool mapped : {false, true}) {
        PeImage image = parse_ok(r.builder.build(mapped), mapped ? Layout::Mapped : Layout::File);
        auto types = image.resource_directory();
        ASSERT_TRUE(types.ok()) << types.error().message;
        ASSERT_EQ(types->size(), 1u);
        EXPECT_TRUE((*types)[0].named);
        EXPECT_EQ((*types)[0].name, u"T");
        ASSERT_TRUE((*types)[0].directory);
        auto names = image.resource_directory((*types)[0].offset);
        ASSERT_TRUE(names.ok());
        ASSERT_EQ(names->size(), 1u);
        EXPECT_EQ((*names)[0].id, 7);
        auto languages = image.resource_directory((*names)[0].offset);
        ASSERT_TRUE(languages.ok());
        ASSERT_EQ(languages->size(), 1u);
        EXPECT_EQ((*languages)[0].id, 0x409);
        EXPECT_FALSE((*languages)[0].directory);
        auto data = image.resource_data((*languages)[0].offset);
        ASSERT_TRUE(data.ok()) << data.error().message;
        EXPECT_EQ(data->size, 4u);
        auto bytes = image.bytes_at_rva(data->rva, data->size);
        ASSERT_TRUE(bytes.ok());
        EXPECT_EQ(std::string(bytes->begin(), bytes->end()), "data");
    }
}

TEST(PeImageResources, NoResourcesIsEmpty) {
    PeImage image = parse_ok(make_sample_image().builder.file(), Layout::File);
    auto types = image.resource_directory();
    ASSERT_TRUE(types.ok());
    EXPECT_TRUE(types->empty());
}

TEST(PeImageResources, SubdirectoryLoopIsRefused) {
    ResourceImage r = make_resource_image();
    // The name directory's entry points back at the root.
    r.builder.patch_rva(r.root + 0x28, IMAGE_RESOURCE_DIRECTORY_ENTRY{7, 0x80000000 | 0x00});
    PeImage image = parse_ok(r.builder.file(), Layout::File);
    EXPECT_ERROR_HAS(image.resource_directory(0x18), "does not follow its parent");
}

TEST(PeImageResources, EntryCountPastTheDataIsRefused) {
    ResourceImage r = make_resource_image();
    r.builder.patch_rva(r.root, IMAGE_RESOURCE_DIRECTORY{0, 0, 0, 0, 0xffff, 0xffff});
    PeImage image = parse_ok(r.builder.file(), Layout::File);
    EXPECT_ERROR_HAS(image.resource_directory(), "more than the resource data holds");
}

TEST(PeImageResources, NameRunningPastTheDataIsRefused) {
    ResourceImage r = make_resource_image();
    WORD length = 0x7fff;
    r.builder.patch_rva(r.root + 0x48, length);
    PeImage image = parse_ok(r.builder.file(), Layout::File);
    EXPECT_ERROR_HAS(image.resource_directory(), "runs past the resource data");
}

TEST(PeImageResources, DataOutsideTheImageIsRefused) {
    ResourceImage r = make_resource_image();
    r.builder.patch_rva(r.root + 0x50, IMAGE_RESOURCE_DATA_ENTRY{0x7fffff00, 0x1000, 0, 0});
    PeImage image = parse_ok(r.builder.file(), Layout::File);
    EXPECT_FALSE(image.resource_data(0x50).ok());
}

}  // namespace
}  // namespace vine::pe
