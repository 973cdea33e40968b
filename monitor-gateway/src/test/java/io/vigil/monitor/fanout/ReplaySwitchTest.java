package io.vigil.monitor.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class ReplaySwitchTest {

    static final Channel RUN = Channel.run("r");
    static final Channel LOGS = Channel.logs("t");

    static Publication seq(long seq) {
        return Messages.message(RUN, seq);
    }

    static List<Publication> seqs(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(ReplaySwitchTest::seq).toList();
    }

    /** A batch of log lines from..to; a part of it is written as the lines it keeps. */
    static Publication lines(long from, long to) {
        return Publication.to(LOGS).seq(from, to, (a, b) -> () -> "lines " + a + ".." + b)
                .encodedBy(() -> "lines " + from + ".." + to);
    }

    static Publication status(String status) {
        return Publication.to(LOGS).type("log.status").encodedBy(() -> "status " + status);
    }

    static List<String> texts(List<Publication> publications) {
        return publications.stream().map(Publication::text).toList();
    }

    static List<String> texts(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(Messages::text).toList();
    }

    static List<String> all(ReplaySwitch.Replay replay) {
        List<String> all = new ArrayList<>(texts(replay.history()));
        all.addAll(texts(replay.live()));
        return all;
    }

    @Test
    void historyAloneIsSentWhenNothingArrivedMeanwhile() {
        ReplaySwitch resume = new ReplaySwitch(10);

        ReplaySwitch.Replay replay = resume.history(seqs(11, 15));

        assertThat(texts(replay.history())).isEqualTo(texts(11, 15));
        assertThat(replay.live()).isEmpty();
        assertThat(replay.recovery().recovered()).isTrue();
        assertThat(resume.switched()).isTrue();
    }

    @Test
    void liveMessagesAreHeldUntilHistoryAndThoseHistoryHadAreDropped() {
        ReplaySwitch resume = new ReplaySwitch(10);

        assertThat(resume.live(seq(14))).isEmpty();
        assertThat(resume.live(seq(15))).isEmpty();
        assertThat(resume.live(seq(16))).isEmpty();
        assertThat(resume.bufferedCount()).isEqualTo(3);
        assertThat(resume.firstBufferedSeq()).hasValue(14);

        ReplaySwitch.Replay replay = resume.history(seqs(11, 15));

        assertThat(texts(replay.history())).isEqualTo(texts(11, 15));
        assertThat(texts(replay.live())).containsExactly(Messages.text(16));
        assertThat(replay.recovery()).isEqualTo(Recovery.COMPLETE);
        assertThat(resume.bufferedCount()).isZero();
    }

    @Test
    void liveMessagesTheClientAlreadyHadAreNeverBuffered() {
        ReplaySwitch resume = new ReplaySwitch(10);

        resume.live(seq(9));
        resume.live(seq(10));

        assertThat(resume.bufferedCount()).isZero();
        assertThat(all(resume.history(seqs(11, 11)))).containsExactly(Messages.text(11));
    }

    @Test
    void bufferedDuplicatesAndOutOfOrderArrivalsLeaveInOrderOnce() {
        ReplaySwitch resume = new ReplaySwitch(10);
        for (long seq : new long[] {18, 16, 17, 16, 18, 19}) {
            resume.live(seq(seq));
        }

        ReplaySwitch.Replay replay = resume.history(seqs(11, 16));

        assertThat(all(replay)).isEqualTo(texts(11, 19));
        assertThat(replay.recovery().recovered()).isTrue();
    }

    @Test
    void historyOutOfOrderWithDuplicatesAndOldSeqsIsCleanedUp() {
        ReplaySwitch resume = new ReplaySwitch(10);

        ReplaySwitch.Replay replay = resume.history(List.of(seq(13), seq(9), seq(11), seq(12), seq(11), seq(10)));

        assertThat(texts(replay.history())).isEqualTo(texts(11, 13));
        assertThat(replay.recovery().recovered()).isTrue();
    }

    @Test
    void aGapBetweenHistoryAndTheFirstLiveMessageIsReported() {
        ReplaySwitch resume = new ReplaySwitch(10);
        resume.live(seq(16));
        resume.live(seq(15));

        ReplaySwitch.Replay replay = resume.history(seqs(11, 12));

        assertThat(replay.recovery()).isEqualTo(Recovery.missing(13, 14));
        assertThat(replay.recovery().recovered()).isFalse();
        assertThat(all(replay)).containsExactly(Messages.text(11), Messages.text(12), Messages.text(15), Messages.text(16));
    }

    @Test
    void anEmptyHistoryIsCompleteOnlyWhenLiveStartsRightAfterTheClient() {
        ReplaySwitch joined = new ReplaySwitch(10);
        joined.live(seq(11));
        assertThat(joined.history(List.of()).recovery().recovered()).isTrue();

        ReplaySwitch gap = new ReplaySwitch(10);
        gap.live(seq(13));
        assertThat(gap.history(List.of()).recovery()).isEqualTo(Recovery.missing(11, 12));

        ReplaySwitch quiet = new ReplaySwitch(0);
        assertThat(quiet.history(List.of()).recovery().recovered()).as("nothing happened yet").isTrue();
    }

    @Test
    void aHoleInsideHistoryIsReported() {
        ReplaySwitch resume = new ReplaySwitch(10);

        ReplaySwitch.Replay replay = resume.history(List.of(seq(11), seq(13)));

        assertThat(replay.recovery()).isEqualTo(Recovery.missing(12, 12));
    }

    @Test
    void aBufferedMessageFillingAHoleInHistoryRecovers() {
        ReplaySwitch resume = new ReplaySwitch(10);
        resume.live(seq(12));
        resume.live(seq(14));

        ReplaySwitch.Replay replay = resume.history(List.of(seq(11), seq(13)));

        assertThat(replay.recovery().recovered()).isTrue();
        assertThat(all(replay)).containsExactly(Messages.text(11), Messages.text(13), Messages.text(12), Messages.text(14));
    }

    @Test
    void aHoleAmongLiveMessagesIsNotAGapAndTheLateMessageIsDeliveredOnce() {
        ReplaySwitch resume = new ReplaySwitch(10);
        resume.live(seq(13));
        resume.live(seq(15)); // 14 was sent after 15 (a resend by the outbox sweep)

        ReplaySwitch.Replay replay = resume.history(seqs(11, 12));

        assertThat(replay.recovery().recovered()).isTrue();
        assertThat(all(replay))
                .containsExactly(Messages.text(11), Messages.text(12), Messages.text(13), Messages.text(15));
        assertThat(texts(resume.live(seq(14)))).containsExactly(Messages.text(14));
        assertThat(resume.live(seq(14))).isEmpty();
        assertThat(texts(resume.live(seq(16)))).containsExactly(Messages.text(16));
    }

    @Test
    void afterTheSwitchLateCopiesOfHistoryAreDroppedAndNewMessagesPass() {
        ReplaySwitch resume = new ReplaySwitch(10);
        resume.live(seq(12));
        resume.history(seqs(11, 14));

        assertThat(resume.live(seq(13))).as("its live copy arrives after history had it").isEmpty();
        assertThat(resume.live(seq(14))).isEmpty();
        assertThat(resume.live(seq(8))).isEmpty();
        assertThat(texts(resume.live(seq(15)))).containsExactly(Messages.text(15));
        assertThat(resume.live(seq(15))).as("redelivered").isEmpty();
        assertThat(texts(resume.live(seq(17)))).containsExactly(Messages.text(17));
        assertThat(texts(resume.live(seq(16)))).containsExactly(Messages.text(16));
        assertThat(resume.live(seq(16))).isEmpty();
    }

    @Test
    void aLogBatchHistoryPartlyHadIsCutToItsNewLines() {
        ReplaySwitch resume = new ReplaySwitch(100);
        resume.live(lines(96, 110)); // partly before the client's offset too
        resume.live(lines(111, 120));

        ReplaySwitch.Replay replay = resume.history(List.of(lines(101, 105)));

        assertThat(all(replay)).containsExactly("lines 101..105", "lines 106..110", "lines 111..120");
        assertThat(texts(resume.live(lines(115, 125)))).as("after the switch too").containsExactly("lines 121..125");
        assertThat(texts(resume.live(lines(130, 131)))).containsExactly("lines 130..131");
        assertThat(texts(resume.live(lines(124, 135)))).as("around what it already has")
                .containsExactly("lines 126..129", "lines 132..135");
    }

    @Test
    void anUnsequencedStatusStaysAfterTheLinesThatArrivedBeforeIt() {
        ReplaySwitch resume = new ReplaySwitch(0);
        resume.live(lines(6, 8));
        resume.live(status("success"));

        ReplaySwitch.Replay replay = resume.history(List.of(lines(1, 5), lines(6, 7)));

        assertThat(all(replay)).containsExactly("lines 1..5", "lines 6..7", "lines 8..8", "status success");
        assertThat(texts(resume.live(status("success")))).as("unsequenced messages are not deduplicated").hasSize(1);
    }

    @Test
    void historyIsTakenOnce() {
        ReplaySwitch resume = new ReplaySwitch(0);
        resume.history(List.of());

        assertThatThrownBy(() -> resume.history(List.of())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new ReplaySwitch(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deliveredSeqsTrackRangesAboveTheFloor() {
        DeliveredSeqs delivered = new DeliveredSeqs(10);
        delivered.add(15, 16);
        delivered.add(20, 20);
        assertThat(delivered.missingIn(9, 22))
                .containsExactly(new SeqRange(11, 14), new SeqRange(17, 19), new SeqRange(21, 22));
        assertThat(delivered.missingIn(15, 16)).isEmpty();
        assertThat(delivered.highest()).isEqualTo(20);

        delivered.add(11, 14);
        assertThat(delivered.floor()).as("joined the range above").isEqualTo(16);
        delivered.add(17, 19);
        assertThat(delivered.floor()).isEqualTo(20);
        assertThat(delivered.missingIn(1, 21)).containsExactly(new SeqRange(21, 21));
    }
}
