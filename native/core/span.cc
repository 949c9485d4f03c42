// See span.h. Per tick (RT thread), in this order:
//   1 channels' tick(); driver poll() (receive)
//   2 readBlock() -> RxFramer (G.706 alignment) -> each aligned frame: HDLC decoders of the signalling
//     timeslots, bearer ports' receive octets, the BERT checker
//   3 received CRC-4 SMF results -> TxFramer E-bits (G.704 §2.3.3.4)
//   4 defects -> RAI (consequent action) and the alarm integrator -> events
//   5 bearer consumers give 8 octets each; 8 frames are built (HDLC encoders, BERT generator or
//     bearer octets or idle, TS0 by the TxFramer) -> writeBlock()
#include "core/span.h"

#include <cstring>

namespace tandem::core {

Span::Span(const SpanParams& p, std::unique_ptr<drivers::SpanDriver> driver, EventSink* events)
    : p_(p), driver_(std::move(driver)), events_(events), tx_(p.crc4), rx_(p.crc4), alarms_(p.alarmRaiseMs, p.alarmClearMs) {
  for (int ts = 1; ts < 32; ++ts) {
    if (isSignalling(ts)) {
      sigTs_[nSig_++] = ts;
      slots_[ts].enc = std::make_unique<e1::HdlcEncoder>(&slots_[ts]);
      slots_[ts].dec = std::make_unique<e1::HdlcDecoder>(&slots_[ts]);
    } else {
      bearerTs_[nBearer_++] = ts;
      std::memset(bearers_[ts].tx, p_.idleOctet, sizeof bearers_[ts].tx);
    }
  }
}

Span::~Span() { close(); }

void Span::open() {
  driver_->open();
  if (!p_.pcapPath.empty()) {
    pcap_ = std::make_unique<e1::PcapWriter>();
    if (!pcap_->open(p_.pcapPath)) {
      pcap_.reset();
      driver_->close();
      throw drivers::DriverError("EPCAP", "cannot create pcap file " + p_.pcapPath);
    }
    for (int i = 0; i < nSig_; ++i) {
      slots_[sigTs_[i]].enc->setTap(this);
      slots_[sigTs_[i]].dec->setTap(this);
    }
  }
}

void Span::close() {
  if (pcap_) {
    pcap_->close();
    snap_.pcapWritten.store(pcap_->written(), std::memory_order_relaxed);
    snap_.pcapDropped.store(pcap_->dropped(), std::memory_order_relaxed);
  }
  driver_->close();
}

void Span::attachChannel(int ts, SignallingChannel* ch) {
  if (!isSignalling(ts)) return;
  slots_[ts].channel.reset(ch);
}

SignallingChannel* Span::detachChannel(int ts) {
  if (!isSignalling(ts)) return nullptr;
  return slots_[ts].channel.release();
}

void Span::attachBearer(int ts, BearerConsumer* c) {
  if (isBearer(ts)) bearers_[ts].consumer = c;
}

void Span::detachBearer(int ts) {
  if (isBearer(ts)) {
    bearers_[ts].consumer = nullptr;
    std::memset(bearers_[ts].tx, p_.idleOctet, sizeof bearers_[ts].tx);
  }
}

void Span::apply(const Command& c) {
  switch (c.type) {
    case CommandType::SpanBert:
      bert_ = c.a != 0;
      prbsGen_ = e1::PrbsGenerator();
      prbsCheck_.reset();
      break;
    case CommandType::SpanInjectErrors:
      tx_.injectBitErrors(static_cast<uint32_t>(c.a));
      injected_ += static_cast<uint64_t>(c.a);
      break;
    case CommandType::SpanTxEnable:
      driver_->setTxEnabled(c.a != 0);
      break;
    default:
      break;
  }
}

void Span::onFrame(const uint8_t frame[32]) {
  for (int i = 0; i < nSig_; ++i) slots_[sigTs_[i]].dec->pushOctet(frame[sigTs_[i]]);
  if (bert_) {
    for (int i = 0; i < nBearer_; ++i) prbsCheck_.push(frame[bearerTs_[i]]);
  } else {
    for (int i = 0; i < nBearer_; ++i) {
      BearerPort& b = bearers_[bearerTs_[i]];
      if (b.nRx < BearerPort::kRxCap) b.rx[b.nRx++] = frame[bearerTs_[i]];
    }
  }
}

void Span::onTxFrame(const uint8_t* p, size_t n) {
  if (pcap_) pcap_->enqueue(p, n, realtimeUs_);
}
void Span::onRxFrame(const uint8_t* p, size_t n) {
  if (pcap_) pcap_->enqueue(p, n, realtimeUs_);
}

void Span::tick(uint64_t nowUs, uint64_t realtimeUs) {
  realtimeUs_ = realtimeUs;
  ++tickNo_;
  for (int i = 0; i < nSig_; ++i) {
    SigSlot& s = slots_[sigTs_[i]];
    if (s.channel) s.channel->tick(nowUs);
  }

  // Receive.
  driver_->poll(nowUs);
  if (firstRxTick_ < 0 && driver_->counters().rxBlocks.load(std::memory_order_relaxed) > 0 && !driver_->los()) {
    firstRxTick_ = static_cast<int64_t>(tickNo_);
    snap_.firstRxTick.store(firstRxTick_, std::memory_order_relaxed);
  }
  fill_ = !driver_->readBlock(rxBlock_);
  if (!fill_ && firstRxTick_ >= 0 && firstPlayTick_ < 0) firstPlayTick_ = static_cast<int64_t>(tickNo_);
  if (fill_) {
    std::memset(rxBlock_, 0xFF, sizeof rxBlock_);  // nothing from the line: all-ones, as AIS
    ++underrunTicks_;
  }
  for (int i = 0; i < nBearer_; ++i) bearers_[bearerTs_[i]].nRx = 0;
  rx_.push(rxBlock_, sizeof rxBlock_, this);
  bool errored;
  while (rx_.popSmfResult(&errored)) tx_.reportRxSubmultiframe(errored);

  updateAlarms();

  // Transmit.
  if (!bert_) {
    for (int i = 0; i < nBearer_; ++i) {
      BearerPort& b = bearers_[bearerTs_[i]];
      if (b.consumer) b.consumer->onBearerTick(nowUs, b.rx, b.nRx, b.tx);
    }
  }
  for (int f = 0; f < e1::kFramesPerBlock; ++f) {
    uint8_t* frame = txBlock_ + f * e1::kFrameOctets;
    for (int i = 0; i < nSig_; ++i) frame[sigTs_[i]] = slots_[sigTs_[i]].enc->nextOctet();
    if (bert_) {
      for (int i = 0; i < nBearer_; ++i) frame[bearerTs_[i]] = prbsGen_.nextOctet();
    } else {
      for (int i = 0; i < nBearer_; ++i) frame[bearerTs_[i]] = bearers_[bearerTs_[i]].tx[f];
    }
    tx_.buildFrame(frame);
  }
  driver_->writeBlock(txBlock_);
  publish();
}

void Span::updateAlarms() {
  const e1::RxFramerStatus& st = rx_.status();
  Defects d;
  d.los = driver_->los();
  // Fill played for a missing block is not a signal from the far end: while it lasts, LOF and AIS
  // are not counted as defects (a stream that stays away becomes LOS after losThresholdMs).
  d.lof = !st.frameAligned && !fill_;
  d.ais = st.ais && !fill_;
  d.rai = st.frameAligned && st.rai;
  if (d.los) firstRxTick_ = firstPlayTick_ = -1;  // the stream is gone; measure again when it is back
  // Consequent action: RAI (A-bit) towards the far end while our receiver is in LOS, LOF or AIS
  // (G.704 §2.3.2, G.732 §4.2), fill or not.
  const bool raiOut = d.los || !st.frameAligned || st.ais;
  tx_.setRai(raiOut);
  alarms_.tick(d, [this](Alarm a, bool raised) {
    events_->emit(EventType::SpanAlarm, p_.handle, static_cast<uint32_t>(a), raised ? 1 : 0);
  });
  const int64_t since = firstRxTick_ >= 0 ? static_cast<int64_t>(tickNo_) - firstRxTick_ : -1;
  // Of which the receive buffer's prefill (the configured jitter delay, before any signal reached
  // the framer): reported apart so the framer's own alignment time can be told from the buffer's.
  const uint32_t buffered = firstPlayTick_ >= firstRxTick_ && firstRxTick_ >= 0 ? static_cast<uint32_t>(firstPlayTick_ - firstRxTick_) : 0;
  if (st.frameAligned != wasAligned_) {
    wasAligned_ = st.frameAligned;
    events_->emit(EventType::SpanAligned, p_.handle, buffered, st.frameAligned ? 1 : 0, st.frameAligned ? since : -1);
    if (st.frameAligned) snap_.alignedAfterTicks.store(since, std::memory_order_relaxed);
    if (st.frameAligned) snap_.bufferTicks.store(buffered, std::memory_order_relaxed);
  }
  if (st.mfAligned != wasMfAligned_) {
    wasMfAligned_ = st.mfAligned;
    events_->emit(EventType::SpanMfAligned, p_.handle, buffered, st.mfAligned ? 1 : 0, st.mfAligned ? since : -1);
    if (st.mfAligned) snap_.mfAlignedAfterTicks.store(since, std::memory_order_relaxed);
  }
  // CRC-4 configured, frame aligned, but the framer gave up on the peer's multiframe (G.706 §4.3.3).
  if (p_.crc4 && st.frameAligned && !st.crc4Active) {
    if (!fallbackReported_) {
      fallbackReported_ = true;
      events_->emit(EventType::SpanCrc4Fallback, p_.handle);
    }
  } else if (st.crc4Active) {
    fallbackReported_ = false;
  }
  snap_.defLos.store(d.los, std::memory_order_relaxed);
  snap_.defLof.store(d.lof, std::memory_order_relaxed);
  snap_.defAis.store(d.ais, std::memory_order_relaxed);
  snap_.defRai.store(d.rai, std::memory_order_relaxed);
  snap_.raiSent.store(raiOut, std::memory_order_relaxed);
}

void Span::publish() {
  auto& s = snap_;
  const auto r = std::memory_order_relaxed;
  const e1::RxFramerStatus& st = rx_.status();
  const e1::RxFramerCounters& c = rx_.counters();
  s.ticks.store(tickNo_, r);
  s.frameAligned.store(st.frameAligned, r);
  s.mfAligned.store(st.mfAligned, r);
  s.crc4Active.store(st.crc4Active, r);
  s.alarms.store(alarms_.mask(), r);
  s.frames.store(c.frames, r);
  s.crcErrors.store(c.crcErrors, r);
  s.febe.store(c.febe, r);
  s.fasErrors.store(c.fasErrors, r);
  s.slips.store(c.slips, r);
  s.realignments.store(c.realignments, r);
  s.bert.store(bert_, r);
  s.bertSynced.store(prbsCheck_.synced(), r);
  s.bertBits.store(prbsCheck_.bits(), r);
  s.bertErrors.store(prbsCheck_.bitErrors(), r);
  s.bertSyncLosses.store(prbsCheck_.syncLosses(), r);
  s.underrunTicks.store(underrunTicks_, r);
  s.injected.store(injected_, r);
  if (pcap_) {
    s.pcapDropped.store(pcap_->dropped(), r);
    s.pcapWritten.store(pcap_->written(), r);
  }
  for (int i = 0; i < nSig_; ++i) {
    SigSlot& sl = slots_[sigTs_[i]];
    const e1::HdlcRxCounters& h = sl.dec->counters();
    sl.snap.frames.store(h.frames, r);
    sl.snap.fcsErrors.store(h.fcsErrors, r);
    sl.snap.aborts.store(h.aborts, r);
    sl.snap.nonOctet.store(h.nonOctet, r);
    sl.snap.oversize.store(h.oversize, r);
    sl.snap.tooShort.store(h.tooShort, r);
    sl.snap.txFrames.store(sl.enc->counters().frames, r);
  }
}

}  // namespace tandem::core
