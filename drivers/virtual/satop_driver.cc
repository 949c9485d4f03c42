// SAToP pseudowire over UDP (RFC 4553); see satop_driver.h for the fixed wire format.
#include "virtual/satop_driver.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <random>

#include "common/bytes.h"

namespace tandem::drivers {

namespace {

std::string errnoCode(int e) {
  switch (e) {
    case EADDRINUSE: return "EADDRINUSE";
    case EADDRNOTAVAIL: return "EADDRNOTAVAIL";
    case EACCES: return "EACCES";
    case EAFNOSUPPORT: return "EAFNOSUPPORT";
    case EINVAL: return "EINVAL";
    default: return "ESOCKET";
  }
}

// Numeric address only (the appliance does not resolve names for spans).
socklen_t resolve(const std::string& host, uint16_t port, sockaddr_storage* out, const char* what) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_DGRAM;
  hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
  addrinfo* res = nullptr;
  std::string service = std::to_string(port);
  int rc = getaddrinfo(host.c_str(), service.c_str(), &hints, &res);
  if (rc != 0 || res == nullptr) throw DriverError("EINVAL", std::string(what) + " address \"" + host + "\" is not a numeric IPv4/IPv6 address");
  std::memcpy(out, res->ai_addr, res->ai_addrlen);
  socklen_t len = res->ai_addrlen;
  freeaddrinfo(res);
  return len;
}

}  // namespace

SatopDriver::SatopDriver(const SatopConfig& cfg) : cfg_(cfg) {
  // Any starting sequence number is legal (RFC 4553 §5.1 leaves it to the sender); start at a
  // random one so receivers never depend on 0.
  std::random_device rd;
  txSeq_ = static_cast<uint16_t>(rd());
  std::memset(txPacket_, 0, sizeof txPacket_);
}

SatopDriver::~SatopDriver() { close(); }

void SatopDriver::open() {
  if (fd_ >= 0) return;
  sockaddr_storage local{};
  socklen_t localLen = resolve(cfg_.localHost, cfg_.localPort, &local, "local");
  remoteLen_ = resolve(cfg_.remoteHost, cfg_.remotePort, &remote_, "remote");
  if (local.ss_family != remote_.ss_family) throw DriverError("EINVAL", "local and remote addresses are of different families (IPv4/IPv6)");
  int fd = ::socket(local.ss_family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) throw DriverError(errnoCode(errno), std::string("socket(): ") + std::strerror(errno));
  int buf = 256 * 1024;  // room for ~1000 packets: the RT thread may be descheduled a while
  ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &buf, sizeof buf);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &buf, sizeof buf);
  if (local.ss_family == AF_INET6) {
    int one = 1;
    ::setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
  }
  if (::bind(fd, reinterpret_cast<sockaddr*>(&local), localLen) != 0) {
    int e = errno;
    ::close(fd);
    throw DriverError(errnoCode(e), "bind " + cfg_.localHost + ":" + std::to_string(cfg_.localPort) + ": " + std::strerror(e));
  }
  sockaddr_storage bound{};
  socklen_t bl = sizeof bound;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &bl);
  boundPort_ = ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port
                                                 : reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
  fd_ = fd;
}

void SatopDriver::close() {
  if (fd_ >= 0) {
    ::close(fd_);
    fd_ = -1;
  }
}

bool SatopDriver::fromRemote(const sockaddr_storage& from, socklen_t len) const {
  if (from.ss_family != remote_.ss_family) return false;
  if (from.ss_family == AF_INET) {
    const auto* a = reinterpret_cast<const sockaddr_in*>(&from);
    const auto* b = reinterpret_cast<const sockaddr_in*>(&remote_);
    return a->sin_port == b->sin_port && a->sin_addr.s_addr == b->sin_addr.s_addr;
  }
  const auto* a = reinterpret_cast<const sockaddr_in6*>(&from);
  const auto* b = reinterpret_cast<const sockaddr_in6*>(&remote_);
  return a->sin6_port == b->sin6_port && std::memcmp(&a->sin6_addr, &b->sin6_addr, sizeof a->sin6_addr) == 0;
}

void SatopDriver::poll(uint64_t nowUs) {
  if (!timeInit_) {
    timeInit_ = true;
    lastRxUs_ = nowUs;  // LOS counts from the start, so a silent peer raises it after the threshold
  }
  if (fd_ >= 0) {
    mmsghdr msgs[kRecvBatch];
    iovec iovs[kRecvBatch];
    for (;;) {
      for (int i = 0; i < kRecvBatch; ++i) {
        iovs[i].iov_base = rxBuf_[i];
        iovs[i].iov_len = sizeof rxBuf_[i];
        std::memset(&msgs[i].msg_hdr, 0, sizeof msgs[i].msg_hdr);
        msgs[i].msg_hdr.msg_name = &rxFrom_[i];
        msgs[i].msg_hdr.msg_namelen = sizeof rxFrom_[i];
        msgs[i].msg_hdr.msg_iov = &iovs[i];
        msgs[i].msg_hdr.msg_iovlen = 1;
      }
      int n = ::recvmmsg(fd_, msgs, kRecvBatch, MSG_DONTWAIT, nullptr);
      if (n <= 0) break;  // EAGAIN (nothing more) or an error: try again next tick
      for (int i = 0; i < n; ++i) {
        size_t len = msgs[i].msg_len;
        if (msgs[i].msg_hdr.msg_flags & MSG_TRUNC) len = sizeof rxBuf_[i] + 1;  // oversize
        onDatagram(rxBuf_[i], len, rxFrom_[i], msgs[i].msg_hdr.msg_namelen, nowUs);
      }
      if (n < kRecvBatch) break;
    }
  }
  bool los = nowUs - lastRxUs_ > static_cast<uint64_t>(cfg_.losThresholdMs) * 1000u;
  if (los && !los_.load(std::memory_order_relaxed)) {
    bump(counters_.losEvents);
    // The stream is gone: the next one starts afresh (any sequence number, new prefill).
    started_ = false;
  }
  los_.store(los, std::memory_order_relaxed);
}

void SatopDriver::onDatagram(const uint8_t* p, size_t n, const sockaddr_storage& from, socklen_t fromLen, uint64_t nowUs) {
  if (!fromRemote(from, fromLen)) {
    bump(counters_.wrongSource);
    return;
  }
  if (n != kPacketOctets) {
    bump(counters_.malformed);
    return;
  }
  // RFC 4553 §5.1: bits 0..3 must be 0; FRG must be 00 for SAToP (§5.1, no fragmentation of a
  // structure-agnostic stream here); LEN is 0 unless the packet is padded (< 64 octets, never here).
  const uint8_t cw0 = p[0], cw1 = p[1];
  if ((cw0 & 0xF0) != 0 || (cw1 & 0xC0) != 0 || (cw1 & 0x3F) != 0) {
    bump(counters_.malformed);
    return;
  }
  lastRxUs_ = nowUs;
  const bool lBit = (cw0 & 0x08) != 0;  // local attachment circuit failure: payload is invalid
  const uint16_t seq = bytes::rd16(p + 2);
  accept(seq, p + kControlWordOctets, lBit);
}

void SatopDriver::restart(uint16_t seq) {
  for (auto& s : slots_) s.valid = false;
  count_ = 0;
  started_ = true;
  prefilling_ = true;
  fillOwed_ = true;
  nextSeq_ = seq;
  consecutiveLate_ = 0;
  overDepthTicks_ = 0;
  haveLast_ = false;
}

void SatopDriver::accept(uint16_t seq, const uint8_t* payload, bool fillAis) {
  if (!started_) {
    restart(seq);
  } else {
    const int16_t d = static_cast<int16_t>(static_cast<uint16_t>(seq - nextSeq_));
    if (d < 0) {
      bump(counters_.late);
      if (++consecutiveLate_ >= kLateResync || d < -kSlots) {
        bump(counters_.resyncs);
        restart(seq);
      } else {
        return;
      }
    } else if (d >= kSlots) {
      bump(counters_.resyncs);
      restart(seq);
    }
  }
  consecutiveLate_ = 0;
  Slot& s = slots_[seq & (kSlots - 1)];
  if (s.valid && s.seq == seq) {
    bump(counters_.duplicate);
    return;
  }
  if (haveLast_ && static_cast<int16_t>(static_cast<uint16_t>(seq - lastSeq_)) < 0) bump(counters_.reordered);
  if (!s.valid) ++count_;
  s.valid = true;
  s.seq = seq;
  if (fillAis) std::memset(s.data, 0xFF, kBlockOctets);
  else std::memcpy(s.data, payload, kBlockOctets);
  if (!haveLast_ || static_cast<int16_t>(static_cast<uint16_t>(seq - lastSeq_)) > 0) lastSeq_ = seq;
  haveLast_ = true;
  bump(counters_.rxBlocks);
}

bool SatopDriver::readBlock(uint8_t block[kBlockOctets]) {
  if (!started_) return false;
  if (prefilling_) {
    // At least one tick of fill between two streams, even with a depth of 1: the framer must see the
    // break (and realign), or a jump of an odd number of blocks would shift the CRC-4 multiframe unseen.
    const bool owed = fillOwed_;
    fillOwed_ = false;
    if (count_ < cfg_.jitterPackets || owed) return false;
    prefilling_ = false;
  }
  // Too much delay (a faster far-end clock, or a burst that arrived during the prefill): a buffer
  // persistently above depth+1 drops blocks back to the depth, always an even number of them. A block
  // is half a CRC-4 multiframe (8 of 16 frames) and the far end's multiframe is block-aligned, so an
  // odd skip would shift the multiframe by exactly one sub-multiframe -- invisible to the CRC-4 check
  // (both halves are checked alike) but misplacing the E-bits. An even skip keeps the phase and costs
  // one errored sub-multiframe, like a controlled slip.
  if (count_ > cfg_.jitterPackets + 1) {
    if (++overDepthTicks_ >= kDriftTicks) {
      overDepthTicks_ = 0;
      const int skip = (count_ - cfg_.jitterPackets) & ~1;
      for (int i = 0; i < skip; ++i) {
        Slot& s = slots_[nextSeq_ & (kSlots - 1)];
        if (s.valid && s.seq == nextSeq_) {
          s.valid = false;
          --count_;
        }
        ++nextSeq_;
        bump(counters_.overruns);
      }
    }
  } else {
    overDepthTicks_ = 0;
  }
  Slot& s = slots_[nextSeq_ & (kSlots - 1)];
  ++nextSeq_;
  bump(counters_.playedOut);
  if (s.valid && s.seq == static_cast<uint16_t>(nextSeq_ - 1)) {
    std::memcpy(block, s.data, kBlockOctets);
    s.valid = false;
    --count_;
    return true;
  }
  // Constant playout delay (RFC 4553 §5.3 / §7): a missing packet is played as fill now, and is
  // dropped as late if it turns up afterwards.
  if (count_ == 0) bump(counters_.underruns);
  else bump(counters_.lost);
  return false;
}

void SatopDriver::writeBlock(const uint8_t block[kBlockOctets]) {
  const uint16_t seq = txSeq_++;  // incremented per packet even while muted: the line keeps time
  if (fd_ < 0 || !txEnabled_.load(std::memory_order_relaxed)) return;
  txPacket_[0] = 0;  // L=0 R=0 RSV=0
  txPacket_[1] = 0;  // FRG=0 LEN=0
  bytes::wr16(txPacket_ + 2, seq);  // control word sequence number (RFC 4553 §5.1)
  std::memcpy(txPacket_ + kControlWordOctets, block, kBlockOctets);
  ssize_t r = ::sendto(fd_, txPacket_, kPacketOctets, MSG_DONTWAIT, reinterpret_cast<const sockaddr*>(&remote_), remoteLen_);
  if (r != static_cast<ssize_t>(kPacketOctets)) bump(counters_.txErrors);
  else bump(counters_.txBlocks);
}

}  // namespace tandem::drivers
