// Security descriptors of registry keys. The server keeps, on each key
// whose descriptor a program set, the self-relative descriptor as bytes,
// saved with the key in its hive (registry.cpp); ntdll interprets them (a
// key never given one has the default ntdll builds).
#include "registry.h"
#include "server.h"

namespace vine::server {

using namespace protocol;

namespace {

constexpr uint32_t kReadControl = 0x20000, kWriteDac = 0x40000, kWriteOwner = 0x80000,
                   kAccessSystemSecurity = 0x01000000;
// A descriptor of a few ACEs takes a hundred bytes; Windows' ACLs end at 64 KiB.
constexpr uint32_t kMaxDescriptor = 0x10000 + 20 + 2 * 68;

}  // namespace

void handle_get_key_security(Request& request, Reply& reply) {
    auto req = request.get<get_key_security_request>();
    uint32_t granted = 0;
    auto key = resolve_as<KeyObject>(*request.client.process, req.handle, ObjectType::key, &granted);
    if (!key || !key->key) return reply.fail(status::invalid_handle);
    if (!(granted & (kReadControl | kAccessSystemSecurity))) return reply.fail(status::access_denied);
    get_key_security_reply out{};
    reply.var = key->key->security;
    out.size = static_cast<uint32_t>(key->key->security.size());
    reply.set(out);
}

// The client sends the whole descriptor after merging the parts it
// changes; the server checks only its size and header, and that the handle
// may change some part of it.
void handle_set_key_security(Request& request, Reply& reply) {
    auto req = request.get<set_key_security_request>();
    uint32_t granted = 0;
    auto key = resolve_as<KeyObject>(*request.client.process, req.handle, ObjectType::key, &granted);
    if (!key || !key->key) return reply.fail(status::invalid_handle);
    if (!(granted & (kWriteDac | kWriteOwner | kAccessSystemSecurity))) return reply.fail(status::access_denied);
    uint32_t size = request.view.var_size;
    const auto* bytes = reinterpret_cast<const uint8_t*>(request.view.var);
    // Revision 1, SE_SELF_RELATIVE set in the control word.
    if (size < 20 || size > kMaxDescriptor || bytes[0] != 1 || !(bytes[3] & 0x80))
        return reply.fail(status::invalid_parameter);
    if (key->key->deleted) return reply.fail(status::key_deleted);
    key->key->security.assign(reinterpret_cast<const char*>(bytes), size);
    registry::changed(*key->key, registry::change_security);
    reply.set(set_key_security_reply{});
}

}  // namespace vine::server
