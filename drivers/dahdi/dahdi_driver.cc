// See dahdi_driver.h (skeleton, untested on hardware).
#include "dahdi/dahdi_driver.h"

#include <dahdi/user.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cstring>
#include <string>

namespace tandem::drivers {

DahdiDriver::DahdiDriver(const DahdiConfig& cfg) : cfg_(cfg), ts0_(cfg.crc4) {
  for (int& fd : fds_) fd = -1;
}

DahdiDriver::~DahdiDriver() { close(); }

void DahdiDriver::open() {
  if (ctlFd_ >= 0) return;
  ctlFd_ = ::open("/dev/dahdi/ctl", O_RDWR | O_CLOEXEC);
  if (ctlFd_ < 0) throw DriverError("ENODEV", std::string("/dev/dahdi/ctl: ") + std::strerror(errno));
  for (int ts = 1; ts < 32; ++ts) {
    int fd = ::open("/dev/dahdi/channel", O_RDWR | O_NONBLOCK | O_CLOEXEC);
    int channo = cfg_.firstChannel + ts - 1;
    int block = 8;  // 8 octets = 1 ms per timeslot
    if (fd < 0 || ::ioctl(fd, DAHDI_SPECIFY, &channo) != 0 || ::ioctl(fd, DAHDI_SET_BLOCKSIZE, &block) != 0) {
      int e = errno;
      if (fd >= 0) ::close(fd);
      close();
      throw DriverError("ENODEV", "DAHDI channel " + std::to_string(channo) + ": " + std::strerror(e));
    }
    fds_[ts] = fd;
  }
  readStatus();
}

void DahdiDriver::close() {
  for (int ts = 1; ts < 32; ++ts) {
    if (fds_[ts] >= 0) ::close(fds_[ts]);
    fds_[ts] = -1;
  }
  if (ctlFd_ >= 0) ::close(ctlFd_);
  ctlFd_ = -1;
}

void DahdiDriver::readStatus() {
  dahdi_spaninfo si;
  std::memset(&si, 0, sizeof si);
  si.spanno = cfg_.spanNo;
  if (ctlFd_ < 0 || ::ioctl(ctlFd_, DAHDI_SPANSTAT, &si) != 0) return;
  // RED is loss of signal or of frame alignment; the verbose bits say which (LOS implies LFA).
  const bool los = (si.alarms & DAHDI_ALARM_LOS) != 0 || ((si.alarms & DAHDI_ALARM_RED) != 0 && (si.alarms & DAHDI_ALARM_LFA) == 0);
  if (los && !los_.load(std::memory_order_relaxed)) bump(counters_.losEvents);
  los_.store(los, std::memory_order_relaxed);
  ais_ = (si.alarms & DAHDI_ALARM_BLUE) != 0;
  lof_ = (si.alarms & DAHDI_ALARM_LFA) != 0 && !los;
  ts0_.setRai((si.alarms & DAHDI_ALARM_YELLOW) != 0);
}

void DahdiDriver::poll(uint64_t) {
  if (++ticks_ >= kStatusEveryTicks) {
    ticks_ = 0;
    readStatus();
  }
}

bool DahdiDriver::readBlock(uint8_t block[kBlockOctets]) {
  if (ctlFd_ < 0 || los()) return false;
  uint8_t chan[8];
  for (int ts = 1; ts < 32; ++ts) {
    ssize_t n = ::read(fds_[ts], chan, sizeof chan);
    if (n != static_cast<ssize_t>(sizeof chan)) {
      bump(counters_.underruns);
      return false;
    }
    for (int f = 0; f < 8; ++f) block[f * 32 + ts] = chan[f];
  }
  bump(counters_.rxBlocks);
  bump(counters_.playedOut);
  if (ais_) {
    std::memset(block, 0xFF, kBlockOctets);
    return true;
  }
  for (int f = 0; f < 8; ++f) {
    ts0_.buildFrame(block + f * 32);
    if (lof_) block[f * 32] = 0;  // no FAS: the span's framer reports LOF
  }
  return true;
}

void DahdiDriver::writeBlock(const uint8_t block[kBlockOctets]) {
  if (ctlFd_ < 0 || !txEnabled_.load(std::memory_order_relaxed)) return;
  uint8_t chan[8];
  for (int ts = 1; ts < 32; ++ts) {
    for (int f = 0; f < 8; ++f) chan[f] = block[f * 32 + ts];
    if (::write(fds_[ts], chan, sizeof chan) != static_cast<ssize_t>(sizeof chan)) {
      bump(counters_.txErrors);
      return;
    }
  }
  bump(counters_.txBlocks);
}

}  // namespace tandem::drivers
