// CD-ROM drives: a drive whose dosdevices/x:: link names an optical drive
// (d:: -> /dev/sr0, as in Wine; d: is the mount point) is a CD-ROM, and
// \\.\D: opens its volume. The IOCTL_CDROM_* and IOCTL_STORAGE_* controls
// on that volume run on Linux's cdrom ioctls of the device (linux/cdrom.h),
// opened for each control so a disc changed in between is seen. Parameters
// are checked first, as Windows' cdrom driver checks them before it asks
// the drive; a drive that is not there (the link names no device on this
// machine) or holds no disc is STATUS_DEVICE_NOT_READY / NO_MEDIA_IN_DEVICE,
// both ERROR_NOT_READY.
#include <fcntl.h>
#include <linux/cdrom.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>  // CDSL_CURRENT
#include <cstring>
#include <vector>

#include "cdrom_toc.h"
#include "device.h"
#include "file_name.h"
#include "ntdll_private.h"
#include "vine/cdrom.h"
#include "vine/ntstatus.h"
#include "vine/paths.h"

using namespace vine::nt;

namespace {

// The device, open for one control (closed when it goes).
class Drive {
public:
    explicit Drive(const std::string& device) : fd_(open(device.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC)) {
        error_ = fd_ < 0 ? errno : 0;
    }
    ~Drive() {
        if (fd_ >= 0) close(fd_);
    }
    Drive(const Drive&) = delete;
    Drive& operator=(const Drive&) = delete;

    // Why the drive cannot answer: no device, or no disc in it.
    NTSTATUS not_ready() const {
        if (fd_ < 0) return error_ == ENOMEDIUM ? STATUS_NO_MEDIA_IN_DEVICE : STATUS_DEVICE_NOT_READY;
        int status = ioctl(fd_, CDROM_DRIVE_STATUS, CDSL_CURRENT);
        if (status == CDS_NO_DISC || status == CDS_TRAY_OPEN) return STATUS_NO_MEDIA_IN_DEVICE;
        if (status == CDS_DRIVE_NOT_READY) return STATUS_DEVICE_NOT_READY;
        return STATUS_SUCCESS;
    }
    int fd() const { return fd_; }

private:
    int fd_, error_;
};

NTSTATUS from_errno(int error) {
    if (error == ENOMEDIUM) return STATUS_NO_MEDIA_IN_DEVICE;
    if (error == EIO || error == ENXIO || error == ENODEV) return STATUS_DEVICE_NOT_READY;
    if (error == ENOTTY || error == EINVAL || error == ENOSYS) return STATUS_INVALID_DEVICE_REQUEST;
    return ntdll::status_from_errno(error);
}

// The disc's tracks and lead-out, in LBA form, as cdrom_toc.cpp takes them.
NTSTATUS read_tracks(int fd, cdrom_tochdr& header, std::vector<cdrom_tocentry>& entries) {
    if (ioctl(fd, CDROMREADTOCHDR, &header) != 0) return from_errno(errno);
    if (header.cdth_trk0 > header.cdth_trk1) return STATUS_DEVICE_NOT_READY;
    for (int track = header.cdth_trk0; track <= header.cdth_trk1 + 1; ++track) {
        cdrom_tocentry entry{};
        entry.cdte_track = static_cast<__u8>(track > header.cdth_trk1 ? CDROM_LEADOUT : track);
        entry.cdte_format = CDROM_LBA;
        if (ioctl(fd, CDROMREADTOCENTRY, &entry) != 0) return from_errno(errno);
        entries.push_back(entry);
    }
    return STATUS_SUCCESS;
}

// Copies what fits of `bytes` bytes: READ_TOC_EX hands out a partial TOC
// as the drive would (its Length still says the whole).
ULONG copy_out(const void* data, ULONG bytes, void* out, ULONG out_size) {
    ULONG n = bytes < out_size ? bytes : out_size;
    std::memcpy(out, data, n);
    return n;
}

NTSTATUS read_toc(int fd, bool msf, void* out, ULONG out_size, ULONG_PTR& info) {
    cdrom_tochdr header{};
    std::vector<cdrom_tocentry> entries;
    if (NTSTATUS status = read_tracks(fd, header, entries)) return status;
    CDROM_TOC toc;
    ULONG bytes = ntdll::cdrom::toc_from_linux(header, entries, msf, toc);
    if (!bytes) return STATUS_DEVICE_NOT_READY;
    info = copy_out(&toc, bytes, out, out_size);
    return STATUS_SUCCESS;
}

NTSTATUS read_session(int fd, bool msf, void* out, ULONG out_size, ULONG_PTR& info) {
    cdrom_tochdr header{};
    std::vector<cdrom_tocentry> entries;
    if (NTSTATUS status = read_tracks(fd, header, entries)) return status;
    cdrom_multisession multisession{};
    multisession.addr_format = CDROM_LBA;
    if (ioctl(fd, CDROMMULTISESSION, &multisession) != 0) return from_errno(errno);
    CDROM_TOC_SESSION_DATA session;
    ULONG bytes = ntdll::cdrom::session_from_linux(multisession, header, entries, msf, session);
    info = copy_out(&session, bytes, out, out_size);
    return STATUS_SUCCESS;
}

// The disc's size in 2048-byte sectors (the lead-out's start).
NTSTATUS disc_sectors(int fd, uint64_t& sectors) {
    cdrom_tocentry lead_out{};
    lead_out.cdte_track = CDROM_LEADOUT;
    lead_out.cdte_format = CDROM_LBA;
    if (ioctl(fd, CDROMREADTOCENTRY, &lead_out) != 0) return from_errno(errno);
    sectors = lead_out.cdte_addr.lba > 0 ? static_cast<uint64_t>(lead_out.cdte_addr.lba) : 0;
    return STATUS_SUCCESS;
}

// Windows' CD geometry: 64 tracks per cylinder of 32 sectors of 2048 bytes.
constexpr ULONG kTracksPerCylinder = 64, kSectorsPerTrack = 32, kBytesPerSector = 2048;

DISK_GEOMETRY geometry_of(uint64_t sectors) {
    DISK_GEOMETRY geometry{};
    geometry.Cylinders.QuadPart = static_cast<LONGLONG>(sectors / (kTracksPerCylinder * kSectorsPerTrack));
    geometry.MediaType = RemovableMedia;
    geometry.TracksPerCylinder = kTracksPerCylinder;
    geometry.SectorsPerTrack = kSectorsPerTrack;
    geometry.BytesPerSector = kBytesPerSector;
    return geometry;
}

}  // namespace

namespace ntdll::cdrom {

bool device_of_volume(int fd, std::string& device) {
    struct stat opened {};
    if (fstat(fd, &opened) != 0 || !S_ISDIR(opened.st_mode)) return false;
    for (char16_t letter = u'a'; letter < u'z'; ++letter) {
        auto linked = vine::paths::drive_device(letter);
        if (!linked || !vine::paths::is_cdrom_device(*linked)) continue;
        auto root = vine::paths::dos_to_unix(std::u16string{letter, u':', u'\\'});
        struct stat st {};
        if (!root || stat(root->c_str(), &st) != 0) continue;
        if (st.st_dev == opened.st_dev && st.st_ino == opened.st_ino) {
            device = *linked;
            return true;
        }
    }
    return false;
}

NTSTATUS control(const std::string& device, ULONG code, const void* in, ULONG in_size, void* out, ULONG out_size,
                 ULONG_PTR& info) {
    info = 0;
    // The parameters first.
    CDROM_READ_TOC_EX toc_ex{};
    switch (code) {
    case IOCTL_CDROM_READ_TOC:
        if (!out || out_size < sizeof(CDROM_TOC)) return STATUS_BUFFER_TOO_SMALL;
        break;
    case IOCTL_CDROM_READ_TOC_EX:
        if (!in || in_size < sizeof(CDROM_READ_TOC_EX)) return STATUS_INFO_LENGTH_MISMATCH;
        if (!out || out_size < MINIMUM_CDROM_READ_TOC_EX_SIZE) return STATUS_BUFFER_TOO_SMALL;
        if (out_size > 0xffff) return STATUS_INVALID_PARAMETER;
        std::memcpy(&toc_ex, in, sizeof toc_ex);
        if (toc_ex.Reserved1 || toc_ex.Reserved2 || toc_ex.Reserved3) return STATUS_INVALID_PARAMETER;
        if (toc_ex.Format > CDROM_READ_TOC_EX_FORMAT_CDTEXT) return STATUS_INVALID_PARAMETER;
        // The session, PMA and ATIP formats have no track or session to start at.
        if ((toc_ex.Format == CDROM_READ_TOC_EX_FORMAT_SESSION || toc_ex.Format == CDROM_READ_TOC_EX_FORMAT_PMA ||
             toc_ex.Format == CDROM_READ_TOC_EX_FORMAT_ATIP) &&
            toc_ex.SessionTrack)
            return STATUS_INVALID_PARAMETER;
        break;
    case IOCTL_CDROM_GET_LAST_SESSION:
        if (!out || out_size < sizeof(CDROM_TOC_SESSION_DATA)) return STATUS_BUFFER_TOO_SMALL;
        break;
    case IOCTL_CDROM_GET_DRIVE_GEOMETRY:
    case IOCTL_STORAGE_GET_MEDIA_TYPES:
        if (!out || out_size < sizeof(DISK_GEOMETRY)) return STATUS_BUFFER_TOO_SMALL;
        break;
    case IOCTL_STORAGE_GET_MEDIA_TYPES_EX:
        if (!out || out_size < sizeof(GET_MEDIA_TYPES)) return STATUS_BUFFER_TOO_SMALL;
        break;
    case IOCTL_CDROM_MEDIA_REMOVAL:
    case IOCTL_STORAGE_MEDIA_REMOVAL:
        if (!in || in_size < sizeof(PREVENT_MEDIA_REMOVAL)) return STATUS_INFO_LENGTH_MISMATCH;
        break;
    case IOCTL_CDROM_CHECK_VERIFY:
    case IOCTL_STORAGE_CHECK_VERIFY:
    case IOCTL_STORAGE_CHECK_VERIFY2:
        // The optional output is the count of media changes.
        if (out_size && (!out || out_size < sizeof(ULONG))) return STATUS_BUFFER_TOO_SMALL;
        break;
    case IOCTL_CDROM_EJECT_MEDIA:
    case IOCTL_STORAGE_EJECT_MEDIA:
    case IOCTL_CDROM_LOAD_MEDIA:
    case IOCTL_STORAGE_LOAD_MEDIA:
    case IOCTL_STORAGE_LOAD_MEDIA2: break;
    default: return STATUS_INVALID_DEVICE_REQUEST;
    }

    Drive drive(device);
    if (drive.fd() < 0) return drive.not_ready();
    int fd = drive.fd();
    switch (code) {
    case IOCTL_CDROM_EJECT_MEDIA:
    case IOCTL_STORAGE_EJECT_MEDIA: return ioctl(fd, CDROMEJECT) == 0 ? STATUS_SUCCESS : from_errno(errno);
    case IOCTL_CDROM_LOAD_MEDIA:
    case IOCTL_STORAGE_LOAD_MEDIA:
    case IOCTL_STORAGE_LOAD_MEDIA2: return ioctl(fd, CDROMCLOSETRAY) == 0 ? STATUS_SUCCESS : from_errno(errno);
    case IOCTL_CDROM_MEDIA_REMOVAL:
    case IOCTL_STORAGE_MEDIA_REMOVAL: {
        int lock = static_cast<const PREVENT_MEDIA_REMOVAL*>(in)->PreventMediaRemoval ? 1 : 0;
        return ioctl(fd, CDROM_LOCKDOOR, lock) == 0 ? STATUS_SUCCESS : from_errno(errno);
    }
    case IOCTL_STORAGE_GET_MEDIA_TYPES_EX: {
        // What the drive takes, and whether a disc is in it now.
        auto* types = static_cast<GET_MEDIA_TYPES*>(out);
        std::memset(types, 0, sizeof *types);
        types->DeviceType = FILE_DEVICE_CD_ROM;
        types->MediaInfoCount = 1;
        auto& disk = types->MediaInfo[0].DeviceSpecific.RemovableDiskInfo;
        uint64_t sectors = 0;
        bool present = drive.not_ready() == STATUS_SUCCESS && disc_sectors(fd, sectors) == STATUS_SUCCESS;
        DISK_GEOMETRY geometry = geometry_of(sectors);
        disk.Cylinders = geometry.Cylinders;
        disk.MediaType = CD_ROM;
        disk.TracksPerCylinder = geometry.TracksPerCylinder;
        disk.SectorsPerTrack = geometry.SectorsPerTrack;
        disk.BytesPerSector = geometry.BytesPerSector;
        disk.NumberMediaSides = 1;
        disk.MediaCharacteristics = MEDIA_READ_ONLY | (present ? MEDIA_CURRENTLY_MOUNTED : 0);
        info = sizeof *types;
        return STATUS_SUCCESS;
    }
    default: break;
    }
    // The rest need a disc.
    if (NTSTATUS status = drive.not_ready()) return status;
    switch (code) {
    case IOCTL_CDROM_CHECK_VERIFY:
    case IOCTL_STORAGE_CHECK_VERIFY:
    case IOCTL_STORAGE_CHECK_VERIFY2:
        if (out_size) {
            // Linux counts no changes for us: none since this open.
            *static_cast<ULONG*>(out) = 0;
            info = sizeof(ULONG);
        }
        return STATUS_SUCCESS;
    case IOCTL_CDROM_GET_DRIVE_GEOMETRY:
    case IOCTL_STORAGE_GET_MEDIA_TYPES: {
        uint64_t sectors = 0;
        if (NTSTATUS status = disc_sectors(fd, sectors)) return status;
        *static_cast<DISK_GEOMETRY*>(out) = geometry_of(sectors);
        info = sizeof(DISK_GEOMETRY);
        return STATUS_SUCCESS;
    }
    case IOCTL_CDROM_READ_TOC: return read_toc(fd, true, out, out_size, info);
    case IOCTL_CDROM_GET_LAST_SESSION: return read_session(fd, true, out, out_size, info);
    case IOCTL_CDROM_READ_TOC_EX:
        if (toc_ex.Format == CDROM_READ_TOC_EX_FORMAT_TOC) return read_toc(fd, toc_ex.Msf, out, out_size, info);
        if (toc_ex.Format == CDROM_READ_TOC_EX_FORMAT_SESSION) return read_session(fd, toc_ex.Msf, out, out_size, info);
        // The full TOC, PMA, ATIP and CD-Text need raw READ TOC commands Linux's cdrom ioctls do not give.
        return STATUS_INVALID_DEVICE_REQUEST;
    default: return STATUS_INVALID_DEVICE_REQUEST;
    }
}

}  // namespace ntdll::cdrom
