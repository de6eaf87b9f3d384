package org.honchat.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The hub's link to a connection: frames copied into one buffer per flush, the slow-consumer count exact. */
class ConnectionLinkTest {

    private static ByteBuf frame(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }

    @Test
    void framesHandedOverBetweenFlushesLeaveAsOneWriteInOrder() {
        EmbeddedChannel channel = new EmbeddedChannel();
        ConnectionLink link = new ConnectionLink(channel);
        ByteBuf shared = frame("shared");
        shared.retain(); // a second recipient's reference, as the hub hands one frame to many links
        link.handedOver(6 + 3);
        link.writeNow(shared);
        link.writeNow(frame("own"));
        assertThat(shared.refCnt()).as("this link's reference is released").isEqualTo(1);
        assertThat(shared.readerIndex()).as("a shared frame's indices never move").isZero();
        assertThat((Object) channel.readOutbound()).as("nothing leaves before the flush").isNull();
        assertThat(link.pendingBytes()).isEqualTo(9);
        link.flushNow();
        ByteBuf written = channel.readOutbound();
        assertThat(written.toString(StandardCharsets.US_ASCII)).isEqualTo("sharedown");
        assertThat((Object) channel.readOutbound()).as("one write for both frames").isNull();
        assertThat(link.pendingBytes()).as("the embedded channel took it all").isZero();
        written.release();
        shared.release();
        link.flushNow(); // nothing batched: nothing written
        assertThat((Object) channel.readOutbound()).isNull();
        channel.finishAndReleaseAll();
    }

    @Test
    void closeWritesWhatWasBatchedFirst() {
        EmbeddedChannel channel = new EmbeddedChannel();
        ConnectionLink link = new ConnectionLink(channel);
        link.handedOver(4);
        link.writeNow(frame("last"));
        link.closeNow();
        ByteBuf written = channel.readOutbound();
        assertThat(written.toString(StandardCharsets.US_ASCII)).isEqualTo("last");
        written.release();
        assertThat(channel.isOpen()).isFalse();
        channel.finishAndReleaseAll();
    }
}
