// msvcrt.dll's MSVC C++ support, as programs built by older MSVC that link
// msvcrt.dll use it: exceptions (_CxxThrowException, __CxxFrameHandler3),
// typeid (__RTtypeid, type_info::name/operator==) and dynamic_cast
// (__RTDynamicCast). Built by clang for x86_64-pc-windows-msvc.
#include "msvc_test.h"

// MSVC's type_info (global namespace), as far as these calls need it.
class type_info {
public:
    virtual ~type_info();
    const char* name() const;
    int operator==(const type_info& other) const;
private:
    mutable void* undecorated;
    char decorated[1];
};
namespace std { using ::type_info; }

void* operator new(unsigned long long size);
void operator delete(void* block) noexcept;
void operator delete(void* block, unsigned long long) noexcept { operator delete(block); }

struct A { virtual ~A() {} int a = 1; };
struct B : A { int b = 2; };
struct C { virtual ~C() {} int c = 3; };
struct D : B, C { int d = 4; };
struct Unrelated { virtual ~Unrelated() {} };

__attribute__((noinline)) A* make_d() { return new D; }
__attribute__((noinline)) A* make_b() { return new B; }
__attribute__((noinline)) void throw_d() { throw D(); }

// A type_info as the compiler lays one out, in writable memory, so that
// what name() keeps and the destructor frees can be seen.
struct TypeInfoLayout {
    const void* vtable;
    const char* undecorated;
    char decorated[16];
};

bool same_text(const char* a, const char* b) {
    while (*a && *a == *b) ++a, ++b;
    return *a == *b;
}

void test_type_info_destructor() {
    TypeInfoLayout layout = {nullptr, nullptr, ".?AUPoint@@"};
    type_info& info = *reinterpret_cast<type_info*>(&layout);
    ok(same_text(info.name(), "struct Point"), "type_info::name of a struct Point");
    ok(layout.undecorated != nullptr, "the name is kept in the type_info");
    info.type_info::~type_info();
    ok(layout.undecorated == nullptr, "~type_info frees the name it kept");
    ok(same_text(info.name(), "struct Point"), "and name() makes it again");
    info.type_info::~type_info();
    ok(layout.undecorated == nullptr, "freed again");
}

int run() {
    test_type_info_destructor();
    A* d = make_d();
    A* b = make_b();
    ok(dynamic_cast<B*>(d) != nullptr, "dynamic_cast down to an intermediate base");
    C* c = dynamic_cast<C*>(d);
    ok(c && c->c == 3, "dynamic_cast across to a second base (at an offset)");
    ok(dynamic_cast<D*>(b) == nullptr, "dynamic_cast to a class the object is not: null");
    ok(dynamic_cast<Unrelated*>(d) == nullptr, "dynamic_cast to an unrelated class: null");
    D* whole = dynamic_cast<D*>(c);
    ok(whole && whole->d == 4 && static_cast<A*>(whole) == d, "dynamic_cast from the second base back down");
    ok(dynamic_cast<void*>(c) == static_cast<void*>(static_cast<D*>(d)), "dynamic_cast<void*>: the complete object");
    ok(typeid(*d) == typeid(D), "typeid of the dynamic type");
    ok(!(typeid(*b) == typeid(D)), "typeid of another type differs");
    const char* name = typeid(*d).name();
    ok(name && name[0] == 's' && name[7] == 'D' && name[8] == 0, "type_info::name is \"struct D\"");
    ok(typeid(int) == typeid(int) && typeid(int).name()[0] == 'i', "typeid(int).name() is \"int\"");

    int caught = 0;
    try { throw_d(); } catch (C& e) { caught = e.c; }
    ok(caught == 3, "catch (C&) of a D through msvcrt's frame handler");
    caught = 0;
    try {
        try { throw_d(); } catch (A&) { throw; }
    } catch (D& e) { caught = e.d; }
    ok(caught == 4, "rethrow through msvcrt's handler");
    delete d;
    delete b;
    return vt_summary();
}

extern "C" void vt_entry() { ExitProcess(static_cast<unsigned>(run())); }
