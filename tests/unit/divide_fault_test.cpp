// The #DE decoder (loader/divide_fault.cpp): each div/idiv encoding, with
// its operand in a register or in memory, is told apart as a zero divisor
// (divide by zero) or not (an overflow), from a fake signal context.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <vector>

#include "divide_fault.h"

namespace {

struct Fault {
    std::vector<uint8_t> code;
    ucontext_t uc{};

    explicit Fault(std::initializer_list<uint8_t> bytes) : code(bytes) {
        code.resize(code.size() + 16, 0x90);  // the decoder may look past the instruction's end
        uc.uc_mcontext.gregs[REG_RIP] = reinterpret_cast<greg_t>(code.data());
    }
    Fault& set(int reg, uint64_t value) {
        uc.uc_mcontext.gregs[reg] = static_cast<greg_t>(value);
        return *this;
    }
    bool nonzero() const { return vine::crash::divisor_nonzero(&uc); }
};

TEST(DivideFault, RegisterOperands) {
    EXPECT_FALSE(Fault({0xf7, 0xf9}).set(REG_RCX, 0).nonzero());                   // idiv ecx
    EXPECT_TRUE(Fault({0xf7, 0xf9}).set(REG_RCX, 0xffffffff).nonzero());           // INT_MIN / -1
    EXPECT_FALSE(Fault({0xf7, 0xf9}).set(REG_RCX, 0x100000000).nonzero());         // ecx is 0
    EXPECT_TRUE(Fault({0x48, 0xf7, 0xf9}).set(REG_RCX, 0x100000000).nonzero());    // idiv rcx
    EXPECT_TRUE(Fault({0xf7, 0xf1}).set(REG_RCX, 1).nonzero());                    // div ecx
    EXPECT_FALSE(Fault({0x66, 0xf7, 0xf9}).set(REG_RCX, 0x10000).nonzero());       // idiv cx
    EXPECT_TRUE(Fault({0x49, 0xf7, 0xf9}).set(REG_R9, 5).nonzero());               // idiv r9
    EXPECT_FALSE(Fault({0x49, 0xf7, 0xf9}).set(REG_RCX, 5).nonzero());             // r9, not rcx
}

TEST(DivideFault, ByteRegisters) {
    EXPECT_FALSE(Fault({0xf6, 0xf9}).set(REG_RCX, 0x100).nonzero());               // idiv cl
    EXPECT_TRUE(Fault({0xf6, 0xf9}).set(REG_RCX, 0xff).nonzero());
    EXPECT_TRUE(Fault({0xf6, 0xfc}).set(REG_RAX, 0x0100).nonzero());              // idiv ah
    EXPECT_FALSE(Fault({0xf6, 0xfc}).set(REG_RAX, 0x00ff).nonzero());
    EXPECT_FALSE(Fault({0x40, 0xf6, 0xfc}).set(REG_RSP, 0x1200).nonzero());        // idiv spl
    EXPECT_TRUE(Fault({0x40, 0xf6, 0xfc}).set(REG_RSP, 0x1201).nonzero());
}

TEST(DivideFault, MemoryOperands) {
    uint64_t values[4] = {0, 0xffffffff, 0, 0x100000000};
    auto at = reinterpret_cast<uint64_t>(values);
    EXPECT_FALSE(Fault({0xf7, 0x3c, 0x24}).set(REG_RSP, at).nonzero());            // idiv dword [rsp]
    EXPECT_TRUE(Fault({0xf7, 0x3c, 0x24}).set(REG_RSP, at + 8).nonzero());
    EXPECT_TRUE(Fault({0x41, 0xf7, 0x7c, 0x24, 0x08}).set(REG_R12, at).nonzero()); // idiv dword [r12+8]
    EXPECT_FALSE(Fault({0xf7, 0x7d, 0xf8}).set(REG_RBP, at + 8).nonzero());        // idiv dword [rbp-8]
    EXPECT_TRUE(Fault({0x48, 0xf7, 0x3c, 0xc8}).set(REG_RAX, at).set(REG_RCX, 3).nonzero());   // qword [rax+rcx*8]
    EXPECT_FALSE(Fault({0xf7, 0x3c, 0xc8}).set(REG_RAX, at).set(REG_RCX, 3).nonzero());        // its low dword is 0
    EXPECT_TRUE(Fault({0xf7, 0xb8, 0x08, 0x00, 0x00, 0x00}).set(REG_RAX, at).nonzero());       // [rax+disp32]
}

TEST(DivideFault, RipRelative) {
    // idiv dword [rip+disp32]: from the end of the 6-byte instruction.
    Fault zero({0xf7, 0x3d, 0x0a, 0x00, 0x00, 0x00});
    memset(zero.code.data() + 6 + 10, 0, 4);
    EXPECT_FALSE(zero.nonzero());
    Fault minus_one({0xf7, 0x3d, 0x0a, 0x00, 0x00, 0x00});
    memset(minus_one.code.data() + 6 + 10, 0xff, 4);
    EXPECT_TRUE(minus_one.nonzero());
}

TEST(DivideFault, NotADivision) {
    EXPECT_FALSE(Fault({0xf7, 0xe9}).set(REG_RCX, 3).nonzero());  // imul ecx
    EXPECT_FALSE(Fault({0x0f, 0x0b}).nonzero());                  // ud2
}

}  // namespace
