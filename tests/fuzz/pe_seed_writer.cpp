// Writes a few valid PE32+ images (built by the unit tests' PeBuilder) into a
// directory, as the seed corpus of pe_image_fuzz.
#include <cstdio>
#include <string>
#include <vector>

#include "pe_builder.h"

namespace {

bool write_file(const std::string& path, const std::vector<uint8_t>& bytes) {
    FILE* file = std::fopen(path.c_str(), "wb");
    if (file == nullptr) return false;
    const bool ok = std::fwrite(bytes.data(), 1, bytes.size(), file) == bytes.size();
    return std::fclose(file) == 0 && ok;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s CORPUS_DIR\n", argv[0]);
        return 2;
    }
    using vine::pe::testing::make_sample_image;
    using vine::pe::testing::PeBuilder;
    const std::string dir = argv[1];

    const auto dll = make_sample_image(true).builder;
    const auto exe = make_sample_image(false).builder;
    PeBuilder minimal;
    minimal.put_zeros(minimal.add_section(".text", IMAGE_SCN_CNT_CODE | IMAGE_SCN_MEM_EXECUTE), 16);

    const std::pair<const char*, std::vector<uint8_t>> seeds[] = {
        {"sample_dll_file", dll.file()},   {"sample_dll_mapped", dll.mapped()},
        {"sample_exe_file", exe.file()},   {"minimal_file", minimal.file()},
        {"minimal_mapped", minimal.mapped()},
    };
    for (const auto& [name, bytes] : seeds) {
        if (!write_file(dir + "/" + name, bytes)) {
            std::perror((dir + "/" + name).c_str());
            return 1;
        }
    }
    return 0;
}
