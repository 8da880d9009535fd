// vcruntime140's other exports: longjmp that unwinds (destructors run, as
// for exceptions), __current_exception and __processing_throw inside a
// catch, std::exception's message copies, type_info's name/compare/hash as
// the MSVC STL calls them, and the string functions.
#include "msvc_test.h"

typedef struct { unsigned long long part[2]; } __declspec(align(16)) float128;
typedef float128 jmp_buf[16];
struct exception_record {
    unsigned code, flags;
    exception_record* next;
    void* address;
    unsigned count;
    unsigned long long information[15];
};
struct std_exception_data {
    const char* what;
    bool owned;
};
struct type_info_data {
    const char* undecorated;
    char decorated[1];
};
extern "C" {
int _setjmp(jmp_buf buffer);
__declspec(noreturn) void longjmp(jmp_buf buffer, int value);
void** __current_exception();
int* __processing_throw();
void __std_exception_copy(const std_exception_data* from, std_exception_data* to);
void __std_exception_destroy(std_exception_data* data);
const char* __std_type_info_name(type_info_data* data, void* list);
int __std_type_info_compare(const type_info_data* a, const type_info_data* b);
unsigned long long __std_type_info_hash(const type_info_data* data);
char* strstr(const char* haystack, const char* needle);
wchar_t* wcsstr(const wchar_t* haystack, const wchar_t* needle);
void* memcpy(void* d, const void* s, unsigned long long n);
int strcmp(const char* a, const char* b);
int __uncaught_exceptions();
void (*_set_purecall_handler(void (*handler)()))();
void (*_get_purecall_handler())();
}

static jmp_buf jump_target;
static int destroyed;
struct Guard {
    ~Guard() { ++destroyed; }
};
__attribute__((noinline)) void jump_out() {
    Guard g;
    longjmp(jump_target, 7);
}
__attribute__((noinline)) void throw_int(int v) { throw v; }

static int uncaught_in_destructor = -1;
struct Watcher {
    ~Watcher() { uncaught_in_destructor = __uncaught_exceptions(); }
};
__attribute__((noinline)) void throw_with_watcher() {
    Watcher w;
    throw_int(3);
}
static void purecall_handler() {}

static type_info_data* make_type(const char* decorated, char* storage) {
    auto* data = reinterpret_cast<type_info_data*>(storage);
    data->undecorated = nullptr;
    memcpy(data->decorated, decorated, __builtin_strlen(decorated) + 1);
    return data;
}

int run() {
    int value = _setjmp(jump_target);
    if (value == 0) jump_out();
    ok(value == 7, "longjmp returns its value at setjmp");
    ok(destroyed == 1, "longjmp ran the destructor of the frame it left");

    unsigned code = 0;
    unsigned long long object = 0;
    int in_flight = -1;
    int thrown = 5;
    try {
        throw_int(thrown);
    } catch (int& v) {
        auto* record = static_cast<exception_record*>(*__current_exception());
        code = record ? record->code : 0;
        object = record ? record->information[1] : 0;
        in_flight = *__processing_throw();
        ok(object == reinterpret_cast<unsigned long long>(&v), "__current_exception: the object caught by reference");
    }
    ok(code == 0xe06d7363, "__current_exception: the C++ exception's record");
    ok(in_flight == 0, "__processing_throw is 0 once a catch runs");
    ok(*__current_exception() == nullptr, "no current exception after the catch");

    ok(__uncaught_exceptions() == 0, "__uncaught_exceptions is 0 outside a throw");
    try { throw_with_watcher(); } catch (int) {}
    ok(uncaught_in_destructor == 1, "__uncaught_exceptions is 1 in a destructor run by the unwinding");
    ok(_set_purecall_handler(purecall_handler) == nullptr && _get_purecall_handler() == purecall_handler,
       "_set_purecall_handler / _get_purecall_handler");

    std_exception_data literal{"literal", false}, copy{nullptr, true};
    __std_exception_copy(&literal, &copy);
    ok(copy.what == literal.what && !copy.owned, "__std_exception_copy of a literal shares it");
    char message[] = "owned text";
    std_exception_data owned{message, true}, owned_copy{nullptr, false};
    __std_exception_copy(&owned, &owned_copy);
    ok(owned_copy.owned && owned_copy.what != message && strcmp(owned_copy.what, message) == 0,
       "__std_exception_copy of an owned message copies it");
    __std_exception_destroy(&owned_copy);
    ok(owned_copy.what == nullptr && !owned_copy.owned, "__std_exception_destroy");

    alignas(8) char a_storage[64], b_storage[64], c_storage[64], d_storage[64];
    type_info_data* a = make_type(".?AVWidget@Ui@@", a_storage);
    type_info_data* b = make_type(".?AVWidget@Ui@@", b_storage);
    type_info_data* c = make_type(".?AUPoint@@", c_storage);
    type_info_data* d = make_type(".H", d_storage);
    ok(strcmp(__std_type_info_name(a, nullptr), "class Ui::Widget") == 0, "__std_type_info_name: class Ui::Widget");
    ok(strcmp(__std_type_info_name(c, nullptr), "struct Point") == 0, "__std_type_info_name: struct Point");
    ok(strcmp(__std_type_info_name(d, nullptr), "int") == 0, "__std_type_info_name: int");
    ok(__std_type_info_name(a, nullptr) == a->undecorated, "the name is kept in the type_info");
    ok(__std_type_info_compare(a, b) == 0 && __std_type_info_compare(a, c) != 0, "__std_type_info_compare");
    ok(__std_type_info_hash(a) == __std_type_info_hash(b) && __std_type_info_hash(a) != __std_type_info_hash(c),
       "__std_type_info_hash");

    const char* text = "needle in a haystack";
    ok(strstr(text, "hay") == text + 12 && strstr(text, "straw") == nullptr, "strstr");
    const wchar_t* wide = L"wide needle";
    ok(wcsstr(wide, L"need") == wide + 5 && wcsstr(wide, L"x") == nullptr, "wcsstr");
    return vt_summary();
}

extern "C" void vt_entry() { ExitProcess(static_cast<unsigned>(run())); }
