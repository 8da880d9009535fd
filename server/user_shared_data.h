// The prefix's KUSER_SHARED_DATA page (include/vine/user_shared_data.h):
// a memfd every client maps read-only at 0x7ffe0000. Its times are
// rewritten every millisecond while any process is connected.
#pragma once

namespace vine::server {

class UserSharedData {
public:
    // Creates and fills the page; false (with errno) on failure.
    bool create();
    int fd() const { return fd_; }
    // Starts or stops the 1 ms clock (no wake-ups while no process runs).
    void set_ticking(bool ticking);
    void update_times();

private:
    int fd_ = -1;
    int timer_ = -1;
    void* page_ = nullptr;
};

UserSharedData& user_shared_data();

}  // namespace vine::server
