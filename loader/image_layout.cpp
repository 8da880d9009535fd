// Image layouts in the prefix (see image_layout.h).
#include "image_layout.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "server_location.h"

namespace vine::image_layout {
namespace {

// Smaller images are copied: a copy of under 2 MB costs about what the
// file and the mappings cost (and tests' small programs leave no files).
// Above it the copy's private pages dominate a small program's memory
// (Lightning CSS, 7.6 MB: 12.5 -> 6 MB for --version).
constexpr uint64_t kMinimumImage = 2 << 20;

struct LayoutHeader {
    char magic[8];
    uint64_t device, inode, size;
    int64_t modified_seconds, modified_nanoseconds;
    int64_t changed_seconds, changed_nanoseconds;
    uint64_t size_of_image;
};
constexpr char kMagic[8] = {'V', 'I', 'N', 'E', 'L', 'A', 'Y', '1'};

LayoutHeader header_for(const struct stat& source, const pe::PeImage& image) {
    LayoutHeader header{};
    memcpy(header.magic, kMagic, sizeof(kMagic));
    header.device = source.st_dev;
    header.inode = source.st_ino;
    header.size = static_cast<uint64_t>(source.st_size);
    header.modified_seconds = source.st_mtim.tv_sec;
    header.modified_nanoseconds = source.st_mtim.tv_nsec;
    header.changed_seconds = source.st_ctim.tv_sec;
    header.changed_nanoseconds = source.st_ctim.tv_nsec;
    header.size_of_image = image.optional_header().SizeOfImage;
    return header;
}

uint64_t layout_file_size(const pe::PeImage& image) {
    const uint64_t page = static_cast<uint64_t>(sysconf(_SC_PAGESIZE));
    return kImageOffset + (uint64_t{image.optional_header().SizeOfImage} + page - 1) / page * page;
}

// An existing layout that matches `expected`, or -1.
int open_matching(const std::string& path, const LayoutHeader& expected, uint64_t file_size) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    LayoutHeader found{};
    struct stat st {};
    if (pread(fd, &found, sizeof(found), 0) == static_cast<ssize_t>(sizeof(found)) &&
        memcmp(&found, &expected, sizeof(found)) == 0 && fstat(fd, &st) == 0 &&
        static_cast<uint64_t>(st.st_size) == file_size)
        return fd;
    close(fd);
    return -1;
}

// Copies `length` bytes between descriptors in the kernel (no pages of
// ours touched), falling back to read/write where copy_file_range cannot.
bool copy_range(int from, uint64_t from_offset, int to, uint64_t to_offset, uint64_t length) {
    while (length) {
        auto in = static_cast<off_t>(from_offset), out = static_cast<off_t>(to_offset);
        ssize_t copied = copy_file_range(from, &in, to, &out, length, 0);
        if (copied < 0 && errno == EINTR) continue;
        if (copied <= 0) break;
        from_offset += static_cast<uint64_t>(copied);
        to_offset += static_cast<uint64_t>(copied);
        length -= static_cast<uint64_t>(copied);
    }
    std::vector<char> buffer(length ? std::min<uint64_t>(length, 1 << 20) : 0);
    while (length) {
        ssize_t got = pread(from, buffer.data(), std::min<uint64_t>(length, buffer.size()), static_cast<off_t>(from_offset));
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) return false;
        for (ssize_t written = 0; written < got;) {
            ssize_t w = pwrite(to, buffer.data() + written, static_cast<size_t>(got - written),
                               static_cast<off_t>(to_offset + static_cast<uint64_t>(written)));
            if (w < 0 && errno == EINTR) continue;
            if (w <= 0) return false;
            written += w;
        }
        from_offset += static_cast<uint64_t>(got);
        to_offset += static_cast<uint64_t>(got);
        length -= static_cast<uint64_t>(got);
    }
    return true;
}

// Writes the layout of `image` into `fd` (already sized, all zeros): the
// headers and each section's raw data at its RVA, as the loader would copy
// them; then the header page, which makes the file valid.
bool write_layout(int fd, int source_fd, const struct stat& source, const pe::PeImage& image,
                  const LayoutHeader& header) {
    const auto source_size = static_cast<uint64_t>(source.st_size);
    const uint64_t image_size = image.optional_header().SizeOfImage;
    auto copy = [&](uint64_t file_offset, uint64_t rva, uint64_t length) {
        if (file_offset >= source_size || rva >= image_size) return true;
        length = std::min({length, source_size - file_offset, image_size - rva});
        return copy_range(source_fd, file_offset, fd, kImageOffset + rva, length);
    };
    if (!copy(0, 0, image.optional_header().SizeOfHeaders)) return false;
    for (const auto& section : image.sections()) {
        uint64_t raw = std::min<uint64_t>(section.SizeOfRawData,
                                          section.VirtualSize ? section.VirtualSize : section.SizeOfRawData);
        if (raw && !copy(section.PointerToRawData, section.VirtualAddress, raw)) return false;
    }
    return pwrite(fd, &header, sizeof(header), 0) == static_cast<ssize_t>(sizeof(header));
}

}  // namespace

int open(int source_fd, const struct stat& source, const pe::PeImage& image) {
    const char* mode = getenv("VINE_IMAGE_LAYOUTS");
    if (mode && strcmp(mode, "never") == 0) return -1;
    bool always = mode && strcmp(mode, "always") == 0;
    const auto& optional = image.optional_header();
    if (!always && optional.SizeOfImage < kMinimumImage) return -1;
    // Sections must start on pages to be mapped where they belong.
    if (optional.SectionAlignment < static_cast<uint32_t>(sysconf(_SC_PAGESIZE))) return -1;

    auto prefix = protocol::prefix_directory();
    if (!prefix) return -1;
    std::string directory = *prefix + "/.image-layouts";
    if (mkdir(directory.c_str(), 0700) != 0 && errno != EEXIST) return -1;
    char name[64];
    snprintf(name, sizeof(name), "/%llx-%llx.layout", static_cast<unsigned long long>(source.st_dev),
             static_cast<unsigned long long>(source.st_ino));
    std::string path = directory + name;

    const LayoutHeader header = header_for(source, image);
    const uint64_t file_size = layout_file_size(image);
    if (int fd = open_matching(path, header, file_size); fd >= 0) return fd;

    // Made aside and renamed into place: two processes making it at once
    // each rename a complete layout, and a stale one is replaced whole.
    std::string temporary = path + ".XXXXXX";
    int fd = mkostemp(temporary.data(), O_CLOEXEC);
    if (fd < 0) return -1;
    bool made = ftruncate(fd, static_cast<off_t>(file_size)) == 0 && write_layout(fd, source_fd, source, image, header) &&
                rename(temporary.c_str(), path.c_str()) == 0;
    if (!made) {
        close(fd);
        unlink(temporary.c_str());
        return -1;
    }
    return fd;
}

uint64_t image_offset(int fd) {
    char magic[sizeof(kMagic)];
    bool layout = pread(fd, magic, sizeof(magic), 0) == static_cast<ssize_t>(sizeof(magic)) &&
                  memcmp(magic, kMagic, sizeof(kMagic)) == 0;
    return layout ? kImageOffset : 0;
}

}  // namespace vine::image_layout
