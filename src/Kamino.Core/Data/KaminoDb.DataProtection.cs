using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Data;

/// <summary>
/// The key ring that protects cookies, antiforgery tokens, bearer tokens and emailed links, kept in the database so
/// that every <c>kamino serve</c> node on it (and the CLI) reads and writes the same keys (issue 16 item 1). A
/// reference table: keys belong to the installation, not to a workspace.
/// </summary>
public abstract partial class KaminoDb : IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    private static void ConfigureDataProtection(ModelBuilder builder) =>
        builder.Entity<DataProtectionKey>().ToTable("data_protection_key");
}
