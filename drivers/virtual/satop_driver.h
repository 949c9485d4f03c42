// drivers/virtual: the virtual E1 card, an RFC 4553 SAToP pseudowire over UDP (ARCHITECTURE.md,
// "Fixed: the virtual E1 card"). Wire format, fixed:
//   4-octet SAToP control word (RFC 4553 §5.1):  0000 L R RSV(2) | FRG(2) LEN(6) | sequence number(16)
//   sent as L=0 R=0 RSV=0 FRG=0 LEN=0, sequence number +1 per packet (network byte order),
//   then exactly 256 octets = 8 consecutive G.704 frames of 32 timeslots (1 ms). No RTP header.
//   One datagram per 1 ms per direction; each end binds `local` and sends to `remote`.
// Receive: any starting sequence number; a reorder/jitter buffer of `jitterPackets` packets (the
// playout starts when that many are buffered, then plays one per tick at constant delay);
// underrun plays nothing (the span fills all-ones = AIS) and is counted; datagrams from anywhere
// but `remote` are dropped and counted; no datagram for `losThresholdMs` = loss of signal.
#pragma once

#include <sys/socket.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <string>

#include "driver.h"

namespace tandem::drivers {

struct SatopConfig {
  std::string localHost;
  uint16_t localPort = 0;
  std::string remoteHost;
  uint16_t remotePort = 0;
  int jitterPackets = 3;     // 1..64
  int losThresholdMs = 30;   // 1..10000
};

class SatopDriver final : public SpanDriver {
 public:
  static constexpr size_t kControlWordOctets = 4;
  static constexpr size_t kPacketOctets = kControlWordOctets + kBlockOctets;  // 260
  static constexpr int kSlots = 128;           // reorder buffer slots (power of 2, > 2 x max depth)
  static constexpr int kRecvBatch = 16;        // datagrams per recvmmsg() call
  static constexpr int kLateResync = 16;       // this many consecutive late packets = stream restarted
  static constexpr int kDriftTicks = 1000;     // buffer over depth+1 this long: skip back to depth (even count)

  explicit SatopDriver(const SatopConfig& cfg);
  ~SatopDriver() override;

  const char* kind() const override { return "virtual"; }
  void open() override;
  void close() override;
  void poll(uint64_t nowUs) override;
  bool readBlock(uint8_t block[kBlockOctets]) override;
  void writeBlock(const uint8_t block[kBlockOctets]) override;
  void setTxEnabled(bool on) override { txEnabled_.store(on, std::memory_order_relaxed); }
  bool los() const override { return los_.load(std::memory_order_relaxed); }
  const DriverCounters& counters() const override { return counters_; }

  // Port actually bound (useful when local port 0 was asked for).
  uint16_t boundPort() const { return boundPort_; }
  int bufferedPackets() const { return count_; }

 private:
  struct Slot {
    bool valid = false;
    uint16_t seq = 0;
    uint8_t data[kBlockOctets];
  };
  void onDatagram(const uint8_t* p, size_t n, const sockaddr_storage& from, socklen_t fromLen, uint64_t nowUs);
  void accept(uint16_t seq, const uint8_t* payload, bool fillAis);
  void restart(uint16_t seq);
  bool fromRemote(const sockaddr_storage& from, socklen_t len) const;
  static void bump(std::atomic<uint64_t>& c) { c.store(c.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed); }

  SatopConfig cfg_;
  int fd_ = -1;
  uint16_t boundPort_ = 0;
  sockaddr_storage remote_{};
  socklen_t remoteLen_ = 0;
  std::atomic<bool> txEnabled_{true};
  std::atomic<bool> los_{false};
  DriverCounters counters_;

  // transmit
  uint16_t txSeq_;
  uint8_t txPacket_[kPacketOctets];

  // receive (RT thread only)
  std::array<Slot, kSlots> slots_;
  bool started_ = false;      // a stream is being played out (or prefilled)
  bool prefilling_ = false;
  bool fillOwed_ = false;   // the prefill plays at least one fill block
  uint16_t nextSeq_ = 0;      // sequence number to play next
  int count_ = 0;             // valid slots
  int consecutiveLate_ = 0;
  int overDepthTicks_ = 0;
  bool haveLast_ = false;
  uint16_t lastSeq_ = 0;      // last accepted sequence number (reorder detection)
  uint64_t lastRxUs_ = 0;
  bool timeInit_ = false;
  // recvmmsg buffers
  uint8_t rxBuf_[kRecvBatch][kPacketOctets + 4];
  sockaddr_storage rxFrom_[kRecvBatch];
};

}  // namespace tandem::drivers
