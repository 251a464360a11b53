using Portal.Application.Common;

namespace Portal.Tests.Application.Common;

public class ChecksumTests
{
    [Theory]
    [InlineData("91350100M000100Y43")] // a published example of GB 32100
    [InlineData("91110000600037341L")]
    public void Valid_uscc(string value) => Assert.True(Checksums.IsValidUscc(value));

    [Theory]
    [InlineData("91350100M000100Y44")] // check character changed
    [InlineData("91350100M000100Y4")]  // 17 characters
    [InlineData("91350100M00010OY43")] // O is not in the alphabet
    [InlineData("")]
    public void Invalid_uscc(string value) => Assert.False(Checksums.IsValidUscc(value));

    [Theory]
    [InlineData("11010519491231002X")] // GB 11643's example
    [InlineData("440524188001010014")]
    public void Valid_id_number(string value) => Assert.True(Checksums.IsValidIdNumber(value));

    [Theory]
    [InlineData("110105194912310021")] // check character wrong
    [InlineData("110105194913310027")] // month 13
    [InlineData("11010519491231002")]  // 17 characters
    [InlineData("1101051949123100AX")]
    public void Invalid_id_number(string value) => Assert.False(Checksums.IsValidIdNumber(value));

    [Fact]
    public void Completion_produces_valid_codes()
    {
        Assert.True(Checksums.IsValidUscc(Checksums.CompleteUscc("91310000MA1FL0000")));
        Assert.True(Checksums.IsValidIdNumber(Checksums.CompleteIdNumber("11010519800101123")));
    }
}
