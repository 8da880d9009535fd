// Image layouts: a PE file's headers and sections laid out as they are in
// memory (each at its RVA), kept in a file of the prefix, so that a large
// image is mapped MAP_PRIVATE from it instead of copied: the process reads
// only the pages it touches, shares them with every other process running
// the same image through the page cache, and writes only copy-on-write
// pages (relocations, the IAT, .data). Windows maps image sections the same
// way. PE files themselves cannot be mapped so: their sections sit at
// FileAlignment (usually 512-byte) offsets, not page-congruent with their
// RVAs.
//
// The layout of one file lives in $VINEPREFIX/.image-layouts/DEV-INO.layout:
// a header page naming the source (device, inode, size, modification and
// change times, SizeOfImage), then the image from offset kImageOffset. A
// layout whose header does not match the source exactly is made again
// (written to a temporary file and renamed over the old one, so a reader
// never sees half a layout). VINE_IMAGE_LAYOUTS=never turns the cache off,
// =always uses it for images of any size (the tests use that).
#pragma once

#include <sys/stat.h>

#include <cstdint>
#include <span>

#include "pe_image.h"

namespace vine::image_layout {

// Where the image begins in a layout file.
constexpr uint64_t kImageOffset = 4096;

// A read-only descriptor of the layout of `image` (parsed from the file
// open on `source_fd`, described by `source`), made if missing or stale;
// -1 when the image is better copied (small) or no layout can be had (the
// prefix is read-only, the disk is full): the caller then copies.
int open(int source_fd, const struct stat& source, const pe::PeImage& image);

// Where the image begins in `fd`: kImageOffset in a layout file, 0 in
// anything else (the memfd an image section copies a small image into).
uint64_t image_offset(int fd);

}  // namespace vine::image_layout
