// The views of file-backed and image sections this process has mapped, which
// the server counts (a file cannot be cut under a view, an image's file is
// locked while a view of it lives): ntdll's NtMapViewOfSection reports the
// views it maps, the loader the modules it maps, and both unmap through
// unmap_section_view, so that the server forgets each view once. An unmap
// names any address inside the view; each view has a cookie, so that the
// unmap of a view forgets that view and not a newer one another thread
// mapped at the same address in between.
#include <atomic>
#include <map>
#include <mutex>

#include "vine/ntstatus.h"
#include "vine/server_client.h"
#include "vine/virtual_memory.h"

namespace vine::vm {
namespace {

struct CountedView {
    uintptr_t end;
    uint32_t cookie;
};
std::mutex g_views_lock;
std::map<uintptr_t, CountedView> g_views;
std::atomic<uint32_t> g_next_cookie{1};

// The counted view holding `address` (its base and cookie), or false.
bool counted_view_at(const void* address, uintptr_t& base, uint32_t& cookie) {
    auto at = reinterpret_cast<uintptr_t>(address);
    std::lock_guard guard(g_views_lock);
    auto found = g_views.upper_bound(at);
    if (found == g_views.begin()) return false;
    --found;
    if (at >= found->second.end) return false;
    base = found->first;
    cookie = found->second.cookie;
    return true;
}

void forget_counted_view(uintptr_t base, uint32_t cookie) {
    {
        std::lock_guard guard(g_views_lock);
        if (auto found = g_views.find(base); found != g_views.end() && found->second.cookie == cookie)
            g_views.erase(found);
    }
    protocol::section_view_request request{0, base, 0, cookie};
    protocol::section_view_reply reply{};
    client::call(request, reply);
}

void remember(void* base, SIZE_T size, uint32_t cookie) {
    auto start = reinterpret_cast<uintptr_t>(base);
    std::lock_guard guard(g_views_lock);
    g_views[start] = CountedView{start + size, cookie};
}

}  // namespace

uint32_t count_section_view(HANDLE section, void* base, SIZE_T size) {
    uint32_t cookie = g_next_cookie.fetch_add(1, std::memory_order_relaxed);
    protocol::section_view_request request{reinterpret_cast<uintptr_t>(section), reinterpret_cast<uintptr_t>(base), 1,
                                           cookie};
    protocol::section_view_reply reply{};
    if (uint32_t error = client::call(request, reply)) return error;
    remember(base, size, cookie);
    return 0;
}

uint32_t count_module_view(int image_fd, int file_fd, uint64_t size, void* base) {
    uint32_t cookie = g_next_cookie.fetch_add(1, std::memory_order_relaxed);
    protocol::create_section_request request{};
    request.access = SECTION_ALL_ACCESS;
    request.protect = PAGE_EXECUTE_WRITECOPY;
    request.attributes = SEC_IMAGE | SEC_FILE;
    request.view_cookie = cookie;
    request.size = size;
    request.view_base = reinterpret_cast<uintptr_t>(base);
    protocol::create_section_reply reply{};
    const int fds[2] = {image_fd, file_fd};
    if (uint32_t error = client::call(request, reply, nullptr, 0, fds, 2)) return error;
    remember(base, size, cookie);
    return 0;
}

NTSTATUS unmap_section_view(void* address, bool preserve_placeholder) {
    uintptr_t base = 0;
    uint32_t cookie = 0;
    bool counted = counted_view_at(address, base, cookie);
    NTSTATUS status = unmap_view(address, preserve_placeholder);
    if (status == STATUS_SUCCESS && counted) forget_counted_view(base, cookie);
    return status;
}

}  // namespace vine::vm
