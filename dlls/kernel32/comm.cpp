// Serial communications: the Win32 comm functions and DeviceIoControl as
// thin wrappers over ntdll's NtDeviceIoControlFile and its IOCTL_SERIAL_*
// controls (dlls/ntdll/serial.cpp, on the port's termios). A DCB is the
// baud rate, line control, handflow and special characters of the port.
#include <cstring>
#include <string>

#include "kernel32_private.h"
#include "nt_wait.h"
#include "vine/nt_file.h"
#include "vine/serial.h"

using namespace kernel32;
using namespace vine::nt;

namespace {

// The helpers the exports share are ms_abi (VINE_CALL), so the exports
// that only call them and ntdll save no xmm registers (architecture.md, "Hot paths").
__attribute__((noinline)) VINE_CALL BOOL control(HANDLE port, ULONG code, const void* in = nullptr, ULONG in_size = 0, void* out = nullptr,
             ULONG out_size = 0) {
    IO_STATUS_BLOCK io{};
    return nt_bool(NtDeviceIoControlFile(port, nullptr, nullptr, nullptr, &io, code, const_cast<void*>(in), in_size,
                                         out, out_size));
}

template <typename T>
inline BOOL get(HANDLE port, ULONG code, T& out) {
    return control(port, code, nullptr, 0, &out, sizeof out);
}
template <typename T>
inline BOOL set(HANDLE port, ULONG code, const T& in) {
    return control(port, code, &in, sizeof in);
}

// BuildCommDCB's two forms: "COM1:9600,n,8,1[,x|p]" (MODE's old form, the
// port name optional) and "baud=9600 parity=N data=8 stop=1 ...".
bool word_of(std::u16string_view& rest, std::u16string& word, char16_t separator) {
    while (!rest.empty() && (rest.front() == u' ' || rest.front() == separator)) rest.remove_prefix(1);
    if (rest.empty()) return false;
    size_t end = 0;
    while (end < rest.size() && rest[end] != u' ' && rest[end] != separator) ++end;
    word.assign(rest.substr(0, end));
    for (char16_t& c : word)
        if (c >= u'A' && c <= u'Z') c = static_cast<char16_t>(c - u'A' + u'a');
    rest.remove_prefix(end);
    return true;
}

bool number_of(const std::u16string& text, DWORD& value) {
    if (text.empty() || text.size() > 9) return false;
    value = 0;
    for (char16_t c : text) {
        if (c < u'0' || c > u'9') return false;
        value = value * 10 + (c - u'0');
    }
    return true;
}

bool parity_of(const std::u16string& text, BYTE& parity) {
    if (text.size() != 1) return false;
    switch (text[0]) {
    case u'n': parity = NOPARITY; return true;
    case u'o': parity = ODDPARITY; return true;
    case u'e': parity = EVENPARITY; return true;
    case u'm': parity = MARKPARITY; return true;
    case u's': parity = SPACEPARITY; return true;
    default: return false;
    }
}

bool stop_of(const std::u16string& text, BYTE& stop) {
    if (text == u"1") stop = ONESTOPBIT;
    else if (text == u"1.5") stop = ONE5STOPBITS;
    else if (text == u"2") stop = TWOSTOPBITS;
    else return false;
    return true;
}

bool on_off(const std::u16string& text, bool& on) {
    if (text == u"on") on = true;
    else if (text == u"off") on = false;
    else return false;
    return true;
}

bool build_old_form(std::u16string_view rest, DCB& dcb) {
    std::u16string word;
    DWORD baud;
    if (!word_of(rest, word, u',') || !number_of(word, baud)) return false;
    // Two digits abbreviate: 96 is 9600, 11 is 110, 19 is 19200.
    switch (baud) {
    case 11: baud = 110; break;
    case 15: baud = 150; break;
    case 30: baud = 300; break;
    case 60: baud = 600; break;
    case 12: baud = 1200; break;
    case 24: baud = 2400; break;
    case 48: baud = 4800; break;
    case 96: baud = 9600; break;
    case 19: baud = 19200; break;
    default: break;
    }
    dcb.BaudRate = baud;
    if (baud == 110) dcb.StopBits = TWOSTOPBITS;
    if (!word_of(rest, word, u',')) return true;
    if (!parity_of(word, dcb.Parity)) return false;
    dcb.fParity = dcb.Parity != NOPARITY;
    DWORD data;
    if (!word_of(rest, word, u',')) return true;
    if (!number_of(word, data) || data < 5 || data > 8) return false;
    dcb.ByteSize = static_cast<BYTE>(data);
    if (!word_of(rest, word, u',')) return true;
    if (!stop_of(word, dcb.StopBits)) return false;
    dcb.fOutX = dcb.fInX = 0;
    dcb.fOutxCtsFlow = dcb.fOutxDsrFlow = 0;
    dcb.fDtrControl = DTR_CONTROL_ENABLE;
    dcb.fRtsControl = RTS_CONTROL_ENABLE;
    if (!word_of(rest, word, u',')) return true;
    if (word == u"x") {
        dcb.fOutX = dcb.fInX = 1;
    } else if (word == u"p") {
        dcb.fOutxCtsFlow = dcb.fOutxDsrFlow = 1;
        dcb.fDtrControl = DTR_CONTROL_HANDSHAKE;
        dcb.fRtsControl = RTS_CONTROL_HANDSHAKE;
    } else {
        return false;
    }
    return !word_of(rest, word, u',');
}

bool build_new_form(std::u16string_view rest, DCB& dcb, COMMTIMEOUTS* timeouts) {
    std::u16string word;
    bool any = false;
    while (word_of(rest, word, u' ')) {
        size_t equals = word.find(u'=');
        if (equals == std::u16string::npos) return false;
        std::u16string key = word.substr(0, equals), value = word.substr(equals + 1);
        bool on = false;
        DWORD n = 0;
        if (key == u"baud") {
            if (!number_of(value, n)) return false;
            dcb.BaudRate = n;
        } else if (key == u"parity") {
            if (!parity_of(value, dcb.Parity)) return false;
            dcb.fParity = dcb.Parity != NOPARITY;
        } else if (key == u"data") {
            if (!number_of(value, n) || n < 5 || n > 8) return false;
            dcb.ByteSize = static_cast<BYTE>(n);
        } else if (key == u"stop") {
            if (!stop_of(value, dcb.StopBits)) return false;
        } else if (key == u"to") {
            if (!on_off(value, on)) return false;
            if (timeouts) {
                *timeouts = {};
                if (on) timeouts->WriteTotalTimeoutConstant = 60000;
            }
        } else if (key == u"xon") {
            if (!on_off(value, on)) return false;
            dcb.fOutX = dcb.fInX = on;
        } else if (key == u"odsr") {
            if (!on_off(value, on)) return false;
            dcb.fOutxDsrFlow = on;
        } else if (key == u"octs") {
            if (!on_off(value, on)) return false;
            dcb.fOutxCtsFlow = on;
        } else if (key == u"idsr") {
            if (!on_off(value, on)) return false;
            dcb.fDsrSensitivity = on;
        } else if (key == u"dtr") {
            if (value == u"hs") dcb.fDtrControl = DTR_CONTROL_HANDSHAKE;
            else if (on_off(value, on)) dcb.fDtrControl = on ? DTR_CONTROL_ENABLE : DTR_CONTROL_DISABLE;
            else return false;
        } else if (key == u"rts") {
            if (value == u"hs") dcb.fRtsControl = RTS_CONTROL_HANDSHAKE;
            else if (value == u"tg") dcb.fRtsControl = RTS_CONTROL_TOGGLE;
            else if (on_off(value, on)) dcb.fRtsControl = on ? RTS_CONTROL_ENABLE : RTS_CONTROL_DISABLE;
            else return false;
        } else {
            return false;
        }
        any = true;
    }
    return any;
}

__attribute__((noinline)) VINE_CALL BOOL build_dcb(std::u16string_view text, DCB* dcb, COMMTIMEOUTS* timeouts) {
    if (!dcb) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    DCB result = *dcb;
    result.fBinary = 1;
    std::u16string_view rest = text;
    while (!rest.empty() && rest.front() == u' ') rest.remove_prefix(1);
    // An optional "COMn:" (or "COMn ") before the settings.
    if (rest.size() >= 4 && (rest[0] | 0x20) == u'c' && (rest[1] | 0x20) == u'o' && (rest[2] | 0x20) == u'm') {
        size_t i = 3;
        while (i < rest.size() && rest[i] >= u'0' && rest[i] <= u'9') ++i;
        if (i < rest.size() && rest[i] == u':') ++i;
        rest.remove_prefix(i);
    }
    bool ok = rest.find(u'=') != std::u16string_view::npos ? build_new_form(rest, result, timeouts)
                                                             : build_old_form(rest, result);
    if (!ok) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    *dcb = result;
    return TRUE;
}

std::u16string widen(LPCSTR text) {
    std::u16string wide;
    if (text)
        for (; *text; ++text) wide += static_cast<char16_t>(static_cast<unsigned char>(*text));
    return wide;
}

// The ANSI forms: the definition is ASCII.
__attribute__((noinline)) VINE_CALL BOOL build_dcb_ansi(LPCSTR text, DCB* dcb, COMMTIMEOUTS* timeouts) {
    return build_dcb(widen(text), dcb, timeouts);
}

std::u16string_view view(LPCWSTR text) {
    return text ? std::u16string_view(reinterpret_cast<const char16_t*>(text)) : std::u16string_view();
}

}  // namespace

VINE_EXPORT BOOL GetCommState(HANDLE port, DCB* dcb) {
    if (!dcb) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    SERIAL_BAUD_RATE baud{};
    SERIAL_LINE_CONTROL line{};
    SERIAL_HANDFLOW flow{};
    SERIAL_CHARS chars{};
    if (!get(port, IOCTL_SERIAL_GET_BAUD_RATE, baud) || !get(port, IOCTL_SERIAL_GET_LINE_CONTROL, line) ||
        !get(port, IOCTL_SERIAL_GET_HANDFLOW, flow) || !get(port, IOCTL_SERIAL_GET_CHARS, chars))
        return FALSE;
    std::memset(dcb, 0, sizeof *dcb);
    dcb->DCBlength = sizeof *dcb;
    dcb->BaudRate = baud.BaudRate;
    dcb->fBinary = 1;
    dcb->fParity = line.Parity != NOPARITY;
    dcb->fOutxCtsFlow = (flow.ControlHandShake & SERIAL_CTS_HANDSHAKE) != 0;
    dcb->fOutxDsrFlow = (flow.ControlHandShake & SERIAL_DSR_HANDSHAKE) != 0;
    ULONG dtr = flow.ControlHandShake & SERIAL_DTR_MASK;
    dcb->fDtrControl = dtr == SERIAL_DTR_HANDSHAKE ? DTR_CONTROL_HANDSHAKE
                       : dtr == SERIAL_DTR_CONTROL ? DTR_CONTROL_ENABLE
                                                   : DTR_CONTROL_DISABLE;
    dcb->fDsrSensitivity = (flow.ControlHandShake & SERIAL_DSR_SENSITIVITY) != 0;
    dcb->fTXContinueOnXoff = (flow.FlowReplace & SERIAL_XOFF_CONTINUE) != 0;
    dcb->fOutX = (flow.FlowReplace & SERIAL_AUTO_TRANSMIT) != 0;
    dcb->fInX = (flow.FlowReplace & SERIAL_AUTO_RECEIVE) != 0;
    dcb->fErrorChar = (flow.FlowReplace & SERIAL_ERROR_CHAR) != 0;
    dcb->fNull = (flow.FlowReplace & SERIAL_NULL_STRIPPING) != 0;
    ULONG rts = flow.FlowReplace & SERIAL_RTS_MASK;
    dcb->fRtsControl = rts == SERIAL_TRANSMIT_TOGGLE ? RTS_CONTROL_TOGGLE
                       : rts == SERIAL_RTS_HANDSHAKE ? RTS_CONTROL_HANDSHAKE
                       : rts == SERIAL_RTS_CONTROL   ? RTS_CONTROL_ENABLE
                                                     : RTS_CONTROL_DISABLE;
    dcb->fAbortOnError = (flow.ControlHandShake & SERIAL_ERROR_ABORT) != 0;
    dcb->XonLim = static_cast<WORD>(flow.XonLimit);
    dcb->XoffLim = static_cast<WORD>(flow.XoffLimit);
    dcb->ByteSize = line.WordLength;
    dcb->Parity = line.Parity;
    dcb->StopBits = line.StopBits;
    dcb->XonChar = static_cast<char>(chars.XonChar);
    dcb->XoffChar = static_cast<char>(chars.XoffChar);
    dcb->ErrorChar = static_cast<char>(chars.ErrorChar);
    dcb->EofChar = static_cast<char>(chars.EofChar);
    dcb->EvtChar = static_cast<char>(chars.EventChar);
    return TRUE;
}

VINE_EXPORT BOOL SetCommState(HANDLE port, DCB* dcb) {
    if (!dcb) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    SERIAL_BAUD_RATE baud{dcb->BaudRate};
    SERIAL_LINE_CONTROL line{dcb->StopBits, dcb->Parity, dcb->ByteSize};
    SERIAL_HANDFLOW flow{};
    if (dcb->fOutxCtsFlow) flow.ControlHandShake |= SERIAL_CTS_HANDSHAKE;
    if (dcb->fOutxDsrFlow) flow.ControlHandShake |= SERIAL_DSR_HANDSHAKE;
    if (dcb->fDtrControl == DTR_CONTROL_ENABLE) flow.ControlHandShake |= SERIAL_DTR_CONTROL;
    if (dcb->fDtrControl == DTR_CONTROL_HANDSHAKE) flow.ControlHandShake |= SERIAL_DTR_HANDSHAKE;
    if (dcb->fDsrSensitivity) flow.ControlHandShake |= SERIAL_DSR_SENSITIVITY;
    if (dcb->fAbortOnError) flow.ControlHandShake |= SERIAL_ERROR_ABORT;
    if (dcb->fOutX) flow.FlowReplace |= SERIAL_AUTO_TRANSMIT;
    if (dcb->fInX) flow.FlowReplace |= SERIAL_AUTO_RECEIVE;
    if (dcb->fErrorChar) flow.FlowReplace |= SERIAL_ERROR_CHAR;
    if (dcb->fNull) flow.FlowReplace |= SERIAL_NULL_STRIPPING;
    if (dcb->fTXContinueOnXoff) flow.FlowReplace |= SERIAL_XOFF_CONTINUE;
    static constexpr ULONG kRts[] = {0, SERIAL_RTS_CONTROL, SERIAL_RTS_HANDSHAKE, SERIAL_TRANSMIT_TOGGLE};
    flow.FlowReplace |= kRts[dcb->fRtsControl];
    flow.XonLimit = dcb->XonLim;
    flow.XoffLimit = dcb->XoffLim;
    SERIAL_CHARS chars{static_cast<UCHAR>(dcb->EofChar),  static_cast<UCHAR>(dcb->ErrorChar),
                       0,
                       static_cast<UCHAR>(dcb->EvtChar),  static_cast<UCHAR>(dcb->XonChar),
                       static_cast<UCHAR>(dcb->XoffChar)};
    return set(port, IOCTL_SERIAL_SET_BAUD_RATE, baud) && set(port, IOCTL_SERIAL_SET_LINE_CONTROL, line) &&
           set(port, IOCTL_SERIAL_SET_CHARS, chars) && set(port, IOCTL_SERIAL_SET_HANDFLOW, flow);
}

VINE_EXPORT BOOL BuildCommDCBAndTimeoutsW(LPCWSTR text, DCB* dcb, COMMTIMEOUTS* timeouts) {
    return build_dcb(view(text), dcb, timeouts);
}
VINE_EXPORT BOOL BuildCommDCBW(LPCWSTR text, DCB* dcb) { return build_dcb(view(text), dcb, nullptr); }
VINE_EXPORT BOOL BuildCommDCBAndTimeoutsA(LPCSTR text, DCB* dcb, COMMTIMEOUTS* timeouts) {
    return build_dcb_ansi(text, dcb, timeouts);
}
VINE_EXPORT BOOL BuildCommDCBA(LPCSTR text, DCB* dcb) { return build_dcb_ansi(text, dcb, nullptr); }

VINE_EXPORT BOOL GetCommTimeouts(HANDLE port, COMMTIMEOUTS* timeouts) {
    if (!timeouts) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    SERIAL_TIMEOUTS t{};
    if (!get(port, IOCTL_SERIAL_GET_TIMEOUTS, t)) return FALSE;
    *timeouts = {t.ReadIntervalTimeout, t.ReadTotalTimeoutMultiplier, t.ReadTotalTimeoutConstant,
                 t.WriteTotalTimeoutMultiplier, t.WriteTotalTimeoutConstant};
    return TRUE;
}

VINE_EXPORT BOOL SetCommTimeouts(HANDLE port, COMMTIMEOUTS* timeouts) {
    if (!timeouts) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    SERIAL_TIMEOUTS t{timeouts->ReadIntervalTimeout, timeouts->ReadTotalTimeoutMultiplier,
                      timeouts->ReadTotalTimeoutConstant, timeouts->WriteTotalTimeoutMultiplier,
                      timeouts->WriteTotalTimeoutConstant};
    return set(port, IOCTL_SERIAL_SET_TIMEOUTS, t);
}

VINE_EXPORT BOOL SetCommMask(HANDLE port, DWORD mask) { return set(port, IOCTL_SERIAL_SET_WAIT_MASK, mask); }
VINE_EXPORT BOOL GetCommMask(HANDLE port, DWORD* mask) {
    if (!mask) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    return control(port, IOCTL_SERIAL_GET_WAIT_MASK, nullptr, 0, mask, sizeof *mask);
}

VINE_EXPORT BOOL WaitCommEvent(HANDLE port, DWORD* events, OVERLAPPED* overlapped) {
    OverlappedRequest request(overlapped);
    NTSTATUS status = NtDeviceIoControlFile(port, request.event, nullptr, request.apc_context, request.io,
                                            IOCTL_SERIAL_WAIT_ON_MASK, nullptr, 0, events, sizeof(DWORD));
    if (status == STATUS_PENDING) {
        set_error(ERROR_IO_PENDING);
        return FALSE;
    }
    return nt_bool(status);
}

VINE_EXPORT BOOL PurgeComm(HANDLE port, DWORD flags) { return set(port, IOCTL_SERIAL_PURGE, flags); }

VINE_EXPORT BOOL EscapeCommFunction(HANDLE port, DWORD function) {
    switch (function) {
    case SETXOFF: return control(port, IOCTL_SERIAL_SET_XOFF);
    case SETXON: return control(port, IOCTL_SERIAL_SET_XON);
    case SETRTS: return control(port, IOCTL_SERIAL_SET_RTS);
    case CLRRTS: return control(port, IOCTL_SERIAL_CLR_RTS);
    case SETDTR: return control(port, IOCTL_SERIAL_SET_DTR);
    case CLRDTR: return control(port, IOCTL_SERIAL_CLR_DTR);
    case RESETDEV: return control(port, IOCTL_SERIAL_RESET_DEVICE);
    case SETBREAK: return control(port, IOCTL_SERIAL_SET_BREAK_ON);
    case CLRBREAK: return control(port, IOCTL_SERIAL_SET_BREAK_OFF);
    default: set_error(ERROR_INVALID_PARAMETER); return FALSE;
    }
}

VINE_EXPORT BOOL SetCommBreak(HANDLE port) { return control(port, IOCTL_SERIAL_SET_BREAK_ON); }
VINE_EXPORT BOOL ClearCommBreak(HANDLE port) { return control(port, IOCTL_SERIAL_SET_BREAK_OFF); }
VINE_EXPORT BOOL TransmitCommChar(HANDLE port, char c) { return set(port, IOCTL_SERIAL_IMMEDIATE_CHAR, c); }

VINE_EXPORT BOOL ClearCommError(HANDLE port, DWORD* errors, COMSTAT* stat) {
    SERIAL_STATUS status{};
    if (!get(port, IOCTL_SERIAL_GET_COMMSTATUS, status)) return FALSE;
    if (errors) *errors = status.Errors;
    if (stat) {
        std::memset(stat, 0, sizeof *stat);
        stat->fCtsHold = (status.HoldReasons & 0x1) != 0;
        stat->fDsrHold = (status.HoldReasons & 0x2) != 0;
        stat->fRlsdHold = (status.HoldReasons & 0x4) != 0;
        stat->fXoffHold = (status.HoldReasons & 0x8) != 0;
        stat->fXoffSent = (status.HoldReasons & 0x10) != 0;
        stat->fEof = status.EofReceived != 0;
        stat->fTxim = status.WaitForImmediate != 0;
        stat->cbInQue = status.AmountInInQueue;
        stat->cbOutQue = status.AmountInOutQueue;
    }
    return TRUE;
}

VINE_EXPORT BOOL GetCommModemStatus(HANDLE port, DWORD* status) {
    if (!status) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    return control(port, IOCTL_SERIAL_GET_MODEMSTATUS, nullptr, 0, status, sizeof *status);
}

VINE_EXPORT BOOL SetupComm(HANDLE port, DWORD in_queue, DWORD out_queue) {
    SERIAL_QUEUE_SIZE sizes{in_queue, out_queue};
    return set(port, IOCTL_SERIAL_SET_QUEUE_SIZE, sizes);
}

VINE_EXPORT BOOL GetCommProperties(HANDLE port, COMMPROP* properties) {
    if (!properties) {
        set_error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    // A port answers its baud rate: that it is one, and the handle is good.
    SERIAL_BAUD_RATE baud{};
    if (!get(port, IOCTL_SERIAL_GET_BAUD_RATE, baud)) return FALSE;
    std::memset(properties, 0, sizeof *properties);
    properties->wPacketLength = sizeof *properties;
    properties->wPacketVersion = 2;
    properties->dwServiceMask = SP_SERIALCOMM;
    properties->dwMaxBaud = BAUD_USER;
    properties->dwProvSubType = PST_RS232;
    properties->dwProvCapabilities =
        PCF_DTRDSR | PCF_RTSCTS | PCF_RLSD | PCF_PARITY_CHECK | PCF_XONXOFF | PCF_SETXCHAR | PCF_TOTALTIMEOUTS |
        PCF_INTTIMEOUTS;
    properties->dwSettableParams =
        SP_PARITY | SP_BAUD | SP_DATABITS | SP_STOPBITS | SP_HANDSHAKING | SP_PARITY_CHECK | SP_RLSD;
    properties->dwSettableBaud = BAUD_075 | BAUD_110 | BAUD_134_5 | BAUD_150 | BAUD_300 | BAUD_600 | BAUD_1200 |
                                 BAUD_1800 | BAUD_2400 | BAUD_4800 | BAUD_9600 | BAUD_19200 | BAUD_38400 |
                                 BAUD_57600 | BAUD_115200 | BAUD_USER;
    properties->wSettableData = DATABITS_5 | DATABITS_6 | DATABITS_7 | DATABITS_8;
    properties->wSettableStopParity = STOPBITS_10 | STOPBITS_15 | STOPBITS_20 | PARITY_NONE | PARITY_ODD |
                                      PARITY_EVEN | PARITY_MARK | PARITY_SPACE;
    return TRUE;
}

VINE_EXPORT BOOL DeviceIoControl(HANDLE device, DWORD code, LPVOID in, DWORD in_size, LPVOID out, DWORD out_size,
                                 DWORD* returned, OVERLAPPED* overlapped) {
    OverlappedRequest request(overlapped);
    // FILE_DEVICE_FILE_SYSTEM (9) controls go to the file system, the others to the device.
    NTSTATUS status =
        (code >> 16) == 9
            ? NtFsControlFile(device, request.event, nullptr, request.apc_context, request.io, code, in, in_size, out,
                              out_size)
            : NtDeviceIoControlFile(device, request.event, nullptr, request.apc_context, request.io, code, in,
                                    in_size, out, out_size);
    if (status == STATUS_PENDING) {
        set_error(ERROR_IO_PENDING);
        return FALSE;
    }
    if (returned && !overlapped) *returned = static_cast<DWORD>(request.io->Information);
    else if (returned && NT_SUCCESS(status)) *returned = static_cast<DWORD>(request.io->Information);
    return nt_bool(status);
}
