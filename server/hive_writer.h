// Writing hive files off the main loop. The loop copies a dirty hive's
// keys and values out of the tree and hands the copy here; one writer
// thread formats it into the file's text, writes that to a temporary file,
// fsyncs it, renames it over the hive and fsyncs the directory, so a
// client's request is held up neither by the formatting nor by the disk,
// and a crash still leaves the old file or the new one. The thread shares
// nothing with the loop but its queue.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "hive_file.h"

namespace vine::server::hive_writer {

// Temporary file, fsync, rename over `path`, fsync the directory, on the
// calling thread (before the server daemonizes, where no thread may run
// yet). False, with a message logged, when the file could not be written.
bool write_file(const std::string& path, const std::string& text);

// Queues `keys` to be written to `path` (the header naming `root`) for
// the hive `hive_id`; a copy of the same path still waiting is replaced
// (only the newest one matters). Returns a ticket for wait(). Starts the
// thread on first use.
uint64_t submit(uint64_t hive_id, const std::string& path, std::string root, std::vector<hive::Key> keys);
// Waits until the job of `ticket` (and every one before it) is done;
// whether it was written (a job replaced by a newer one counts as that one).
bool wait(uint64_t ticket);
// The hives whose writes failed since the last call: the loop marks them
// dirty again so the next save (or the one at exit) tries again.
std::vector<uint64_t> take_failures();
// Waits for every queued write and ends the thread (at exit).
void stop();

}  // namespace vine::server::hive_writer
