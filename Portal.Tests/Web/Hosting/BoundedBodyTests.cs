using Microsoft.AspNetCore.Http;
using Portal.Web.Hosting;

namespace Portal.Tests.Web.Hosting;

public class BoundedBodyTests
{
    /// <summary>An endless body that counts what the reader took.</summary>
    private sealed class EndlessStream : Stream
    {
        public long Served { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Served; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(count, 1000);
            Served += n;
            return n;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private static HttpRequest Request(Stream body, long? length)
    {
        var context = new DefaultHttpContext();
        context.Request.Body = body;
        context.Request.ContentLength = length;
        return context.Request;
    }

    [Fact]
    public async Task A_chunked_body_longer_than_the_limit_is_refused_after_reading_one_byte_more_than_the_limit()
    {
        var body = new EndlessStream();
        Assert.Null(await BoundedBody.ReadAsync(Request(body, null), 64 * 1024, CancellationToken.None));
        Assert.InRange(body.Served, 64 * 1024 + 1, 64 * 1024 + 1000);
    }

    [Fact]
    public async Task A_declared_length_over_the_limit_is_refused_without_reading()
    {
        var body = new EndlessStream();
        Assert.Null(await BoundedBody.ReadAsync(Request(body, 10_000_000), 64 * 1024, CancellationToken.None));
        Assert.Equal(0, body.Served);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(300, true)]
    [InlineData(300, false)]
    [InlineData(65536, false)]
    [InlineData(65536, true)]
    public async Task A_body_within_the_limit_is_read_whole(int size, bool declared)
    {
        var bytes = Enumerable.Range(0, size).Select(i => (byte)i).ToArray();
        var read = await BoundedBody.ReadAsync(Request(new MemoryStream(bytes), declared ? size : null), 64 * 1024, CancellationToken.None);
        Assert.Equal(bytes, read);
    }
}
