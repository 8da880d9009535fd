// Serial ports as data: the IOCTL_SERIAL_* controls and their SERIAL_*
// structures (ntddser.h layouts, from the Windows driver documentation),
// and the Win32 communications structures and constants kernel32 passes
// (winbase.h: DCB, COMMTIMEOUTS, COMSTAT, COMMPROP). One definition for
// ntdll, which runs the controls on termios (dlls/ntdll/serial.cpp), and
// kernel32, whose comm functions wrap them (dlls/kernel32/comm.cpp).
#pragma once

#include "vine/wintypes.h"

namespace vine::nt {

// CTL_CODE(FILE_DEVICE_SERIAL_PORT (0x1b), function, METHOD_BUFFERED, FILE_ANY_ACCESS).
constexpr ULONG serial_control(ULONG function) { return (0x1bu << 16) | (function << 2); }
constexpr ULONG IOCTL_SERIAL_SET_BAUD_RATE = serial_control(1), IOCTL_SERIAL_SET_QUEUE_SIZE = serial_control(2),
                IOCTL_SERIAL_SET_LINE_CONTROL = serial_control(3), IOCTL_SERIAL_SET_BREAK_ON = serial_control(4),
                IOCTL_SERIAL_SET_BREAK_OFF = serial_control(5), IOCTL_SERIAL_IMMEDIATE_CHAR = serial_control(6),
                IOCTL_SERIAL_SET_TIMEOUTS = serial_control(7), IOCTL_SERIAL_GET_TIMEOUTS = serial_control(8),
                IOCTL_SERIAL_SET_DTR = serial_control(9), IOCTL_SERIAL_CLR_DTR = serial_control(10),
                IOCTL_SERIAL_RESET_DEVICE = serial_control(11), IOCTL_SERIAL_SET_RTS = serial_control(12),
                IOCTL_SERIAL_CLR_RTS = serial_control(13), IOCTL_SERIAL_SET_XOFF = serial_control(14),
                IOCTL_SERIAL_SET_XON = serial_control(15), IOCTL_SERIAL_GET_WAIT_MASK = serial_control(16),
                IOCTL_SERIAL_SET_WAIT_MASK = serial_control(17), IOCTL_SERIAL_WAIT_ON_MASK = serial_control(18),
                IOCTL_SERIAL_PURGE = serial_control(19), IOCTL_SERIAL_GET_BAUD_RATE = serial_control(20),
                IOCTL_SERIAL_GET_LINE_CONTROL = serial_control(21), IOCTL_SERIAL_GET_CHARS = serial_control(22),
                IOCTL_SERIAL_SET_CHARS = serial_control(23), IOCTL_SERIAL_GET_HANDFLOW = serial_control(24),
                IOCTL_SERIAL_SET_HANDFLOW = serial_control(25), IOCTL_SERIAL_GET_MODEMSTATUS = serial_control(26),
                IOCTL_SERIAL_GET_COMMSTATUS = serial_control(27), IOCTL_SERIAL_XOFF_COUNTER = serial_control(28),
                IOCTL_SERIAL_GET_PROPERTIES = serial_control(29), IOCTL_SERIAL_GET_DTRRTS = serial_control(30);

struct SERIAL_BAUD_RATE {
    ULONG BaudRate;
};
struct SERIAL_LINE_CONTROL {
    UCHAR StopBits, Parity, WordLength;
};
struct SERIAL_TIMEOUTS {
    ULONG ReadIntervalTimeout, ReadTotalTimeoutMultiplier, ReadTotalTimeoutConstant, WriteTotalTimeoutMultiplier,
        WriteTotalTimeoutConstant;
};
struct SERIAL_HANDFLOW {
    ULONG ControlHandShake, FlowReplace;
    LONG XonLimit, XoffLimit;
};
struct SERIAL_CHARS {
    UCHAR EofChar, ErrorChar, BreakChar, EventChar, XonChar, XoffChar;
};
struct SERIAL_QUEUE_SIZE {
    ULONG InSize, OutSize;
};
struct SERIAL_STATUS {
    ULONG Errors, HoldReasons, AmountInInQueue, AmountInOutQueue;
    BOOLEAN EofReceived, WaitForImmediate;
};
static_assert(sizeof(SERIAL_LINE_CONTROL) == 3 && sizeof(SERIAL_HANDFLOW) == 16 && sizeof(SERIAL_CHARS) == 6 &&
              sizeof(SERIAL_STATUS) == 20 && sizeof(SERIAL_TIMEOUTS) == 20);

// SERIAL_LINE_CONTROL values.
constexpr UCHAR STOP_BIT_1 = 0, STOP_BITS_1_5 = 1, STOP_BITS_2 = 2;
constexpr UCHAR NO_PARITY = 0, ODD_PARITY = 1, EVEN_PARITY = 2, MARK_PARITY = 3, SPACE_PARITY = 4;
// SERIAL_HANDFLOW.ControlHandShake and FlowReplace.
constexpr ULONG SERIAL_DTR_MASK = 0x3, SERIAL_DTR_CONTROL = 0x1, SERIAL_DTR_HANDSHAKE = 0x2,
                SERIAL_CTS_HANDSHAKE = 0x8, SERIAL_DSR_HANDSHAKE = 0x10, SERIAL_DCD_HANDSHAKE = 0x20,
                SERIAL_DSR_SENSITIVITY = 0x40, SERIAL_ERROR_ABORT = 0x80000000;
constexpr ULONG SERIAL_AUTO_TRANSMIT = 0x1, SERIAL_AUTO_RECEIVE = 0x2, SERIAL_ERROR_CHAR = 0x4,
                SERIAL_NULL_STRIPPING = 0x8, SERIAL_BREAK_CHAR = 0x10, SERIAL_RTS_MASK = 0xc0,
                SERIAL_RTS_CONTROL = 0x40, SERIAL_RTS_HANDSHAKE = 0x80, SERIAL_TRANSMIT_TOGGLE = 0xc0,
                SERIAL_XOFF_CONTINUE = 0x80000000;
// IOCTL_SERIAL_PURGE.
constexpr ULONG SERIAL_PURGE_TXABORT = 0x1, SERIAL_PURGE_RXABORT = 0x2, SERIAL_PURGE_TXCLEAR = 0x4,
                SERIAL_PURGE_RXCLEAR = 0x8;
// IOCTL_SERIAL_GET_MODEMSTATUS bits (the same as Win32's MS_*_ON).
constexpr ULONG SERIAL_MSR_CTS = 0x10, SERIAL_MSR_DSR = 0x20, SERIAL_MSR_RI = 0x40, SERIAL_MSR_DCD = 0x80;
// Wait-mask events (the same as Win32's EV_*).
constexpr ULONG SERIAL_EV_RXCHAR = 0x1, SERIAL_EV_RXFLAG = 0x2, SERIAL_EV_TXEMPTY = 0x4, SERIAL_EV_CTS = 0x8,
                SERIAL_EV_DSR = 0x10, SERIAL_EV_RLSD = 0x20, SERIAL_EV_BREAK = 0x40, SERIAL_EV_ERR = 0x80,
                SERIAL_EV_RING = 0x100, SERIAL_EV_PERR = 0x200, SERIAL_EV_RX80FULL = 0x400,
                SERIAL_EV_EVENT1 = 0x800, SERIAL_EV_EVENT2 = 0x1000;

}  // namespace vine::nt

// ---- Win32 (winbase.h) ----

struct DCB {
    DWORD DCBlength;
    DWORD BaudRate;
    DWORD fBinary : 1;
    DWORD fParity : 1;
    DWORD fOutxCtsFlow : 1;
    DWORD fOutxDsrFlow : 1;
    DWORD fDtrControl : 2;
    DWORD fDsrSensitivity : 1;
    DWORD fTXContinueOnXoff : 1;
    DWORD fOutX : 1;
    DWORD fInX : 1;
    DWORD fErrorChar : 1;
    DWORD fNull : 1;
    DWORD fRtsControl : 2;
    DWORD fAbortOnError : 1;
    DWORD fDummy2 : 17;
    WORD wReserved;
    WORD XonLim;
    WORD XoffLim;
    BYTE ByteSize;
    BYTE Parity;
    BYTE StopBits;
    char XonChar;
    char XoffChar;
    char ErrorChar;
    char EofChar;
    char EvtChar;
    WORD wReserved1;
};
static_assert(sizeof(DCB) == 28);

struct COMMTIMEOUTS {
    DWORD ReadIntervalTimeout, ReadTotalTimeoutMultiplier, ReadTotalTimeoutConstant, WriteTotalTimeoutMultiplier,
        WriteTotalTimeoutConstant;
};

struct COMSTAT {
    DWORD fCtsHold : 1;
    DWORD fDsrHold : 1;
    DWORD fRlsdHold : 1;
    DWORD fXoffHold : 1;
    DWORD fXoffSent : 1;
    DWORD fEof : 1;
    DWORD fTxim : 1;
    DWORD fReserved : 25;
    DWORD cbInQue;
    DWORD cbOutQue;
};
static_assert(sizeof(COMSTAT) == 12);

struct COMMPROP {
    WORD wPacketLength, wPacketVersion;
    DWORD dwServiceMask, dwReserved1, dwMaxTxQueue, dwMaxRxQueue, dwMaxBaud, dwProvSubType, dwProvCapabilities,
        dwSettableParams, dwSettableBaud;
    WORD wSettableData, wSettableStopParity;
    DWORD dwCurrentTxQueue, dwCurrentRxQueue, dwProvSpec1, dwProvSpec2;
    WCHAR wcProvChar[1];
};
static_assert(sizeof(COMMPROP) == 64);

constexpr BYTE NOPARITY = 0, ODDPARITY = 1, EVENPARITY = 2, MARKPARITY = 3, SPACEPARITY = 4;
constexpr BYTE ONESTOPBIT = 0, ONE5STOPBITS = 1, TWOSTOPBITS = 2;
constexpr DWORD DTR_CONTROL_DISABLE = 0, DTR_CONTROL_ENABLE = 1, DTR_CONTROL_HANDSHAKE = 2;
constexpr DWORD RTS_CONTROL_DISABLE = 0, RTS_CONTROL_ENABLE = 1, RTS_CONTROL_HANDSHAKE = 2, RTS_CONTROL_TOGGLE = 3;
// EscapeCommFunction.
constexpr DWORD SETXOFF = 1, SETXON = 2, SETRTS = 3, CLRRTS = 4, SETDTR = 5, CLRDTR = 6, RESETDEV = 7, SETBREAK = 8,
                CLRBREAK = 9;
// PurgeComm.
constexpr DWORD PURGE_TXABORT = 0x1, PURGE_RXABORT = 0x2, PURGE_TXCLEAR = 0x4, PURGE_RXCLEAR = 0x8;
// ClearCommError errors.
constexpr DWORD CE_RXOVER = 0x1, CE_OVERRUN = 0x2, CE_RXPARITY = 0x4, CE_FRAME = 0x8, CE_BREAK = 0x10;
// COMMPROP.
constexpr DWORD SP_SERIALCOMM = 0x1, PST_RS232 = 0x1;
constexpr DWORD PCF_DTRDSR = 0x1, PCF_RTSCTS = 0x2, PCF_RLSD = 0x4, PCF_PARITY_CHECK = 0x8, PCF_XONXOFF = 0x10,
                PCF_SETXCHAR = 0x20, PCF_TOTALTIMEOUTS = 0x40, PCF_INTTIMEOUTS = 0x80;
constexpr DWORD SP_PARITY = 0x1, SP_BAUD = 0x2, SP_DATABITS = 0x4, SP_STOPBITS = 0x8, SP_HANDSHAKING = 0x10,
                SP_PARITY_CHECK = 0x20, SP_RLSD = 0x40;
constexpr DWORD BAUD_075 = 0x1, BAUD_110 = 0x2, BAUD_134_5 = 0x4, BAUD_150 = 0x8, BAUD_300 = 0x10, BAUD_600 = 0x20,
                BAUD_1200 = 0x40, BAUD_1800 = 0x80, BAUD_2400 = 0x100, BAUD_4800 = 0x200, BAUD_7200 = 0x400,
                BAUD_9600 = 0x800, BAUD_14400 = 0x1000, BAUD_19200 = 0x2000, BAUD_38400 = 0x4000,
                BAUD_56K = 0x8000, BAUD_128K = 0x10000, BAUD_115200 = 0x20000, BAUD_57600 = 0x40000,
                BAUD_USER = 0x10000000;
constexpr WORD DATABITS_5 = 0x1, DATABITS_6 = 0x2, DATABITS_7 = 0x4, DATABITS_8 = 0x8;
constexpr WORD STOPBITS_10 = 0x1, STOPBITS_15 = 0x2, STOPBITS_20 = 0x4, PARITY_NONE = 0x100, PARITY_ODD = 0x200,
               PARITY_EVEN = 0x400, PARITY_MARK = 0x800, PARITY_SPACE = 0x1000;
