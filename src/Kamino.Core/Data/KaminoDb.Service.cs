using Kamino.Activities;
using Kamino.Calendar;
using Kamino.Contacts;
using Kamino.Customers;
using Kamino.People;
using Kamino.SignIn;
using Microsoft.EntityFrameworkCore;

namespace Kamino.Data;

/// <summary>The tables of serving a key account: contacts at the customer, activities and check-ins, calendar feeds.</summary>
public abstract partial class KaminoDb
{
    private static void ConfigureAccountService(ModelBuilder builder)
    {
        builder.Entity<Contact>(e =>
        {
            e.ToTable("contact");
            e.HasKey(c => new { c.WorkspaceId, c.Id });
            e.Property(c => c.Id).ValueGeneratedNever();
            e.HasIndex(c => new { c.WorkspaceId, c.CustomerId });
            // One primary contact per customer, also when two edits race.
            e.HasIndex(c => new { c.WorkspaceId, c.CustomerId }).IsUnique().HasFilter("is_primary = TRUE").HasDatabaseName("ux_contact_primary");
            e.Property(c => c.Name).HasMaxLength(200);
            e.Property(c => c.Title).HasMaxLength(200);
            e.Property(c => c.Email).HasMaxLength(256);
            e.Property(c => c.Phone).HasMaxLength(40);
            e.Property(c => c.Role).HasConversion<string>().HasMaxLength(20);
            e.Property(c => c.Notes).HasMaxLength(2000);
            e.HasOne<Customer>().WithMany().HasForeignKey(c => new { c.WorkspaceId, c.CustomerId }).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<ContactMember>(e =>
        {
            e.ToTable("contact_member");
            e.HasKey(m => new { m.WorkspaceId, m.ContactId, m.UserId });
            e.HasOne<Contact>().WithMany().HasForeignKey(m => new { m.WorkspaceId, m.ContactId }).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Membership>().WithMany().HasForeignKey(m => new { m.WorkspaceId, m.UserId }).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Activity>(e =>
        {
            e.ToTable("activity");
            e.HasKey(a => new { a.WorkspaceId, a.Id });
            e.Property(a => a.Id).ValueGeneratedNever();
            e.HasIndex(a => new { a.WorkspaceId, a.CustomerId, a.At });
            e.Property(a => a.Type).HasConversion<string>().HasMaxLength(10);
            e.Property(a => a.Summary).HasMaxLength(4000);
            e.HasOne<Customer>().WithMany().HasForeignKey(a => new { a.WorkspaceId, a.CustomerId }).OnDelete(DeleteBehavior.Restrict);
            // Removing a contact clears the NPS it gave first (Restrict catches a code path that forgets).
            e.HasOne<Contact>().WithMany().HasForeignKey(a => new { a.WorkspaceId, a.NpsContactId }).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<KaminoUser>().WithMany().HasForeignKey(a => a.LoggedByUserId).OnDelete(DeleteBehavior.SetNull);
        });

        builder.Entity<ActivityMember>(e =>
        {
            e.ToTable("activity_member");
            e.HasKey(m => new { m.WorkspaceId, m.ActivityId, m.UserId });
            e.HasOne<Activity>().WithMany().HasForeignKey(m => new { m.WorkspaceId, m.ActivityId }).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Membership>().WithMany().HasForeignKey(m => new { m.WorkspaceId, m.UserId }).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ActivityContact>(e =>
        {
            e.ToTable("activity_contact");
            e.HasKey(c => new { c.WorkspaceId, c.ActivityId, c.ContactId });
            e.HasIndex(c => new { c.WorkspaceId, c.ContactId });
            e.HasOne<Activity>().WithMany().HasForeignKey(c => new { c.WorkspaceId, c.ActivityId }).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Contact>().WithMany().HasForeignKey(c => new { c.WorkspaceId, c.ContactId }).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<CalendarFeed>(e =>
        {
            e.ToTable("calendar_feed");
            e.HasKey(f => new { f.WorkspaceId, f.UserId });
            // Unique within the workspace (a table distributed by workspace can only promise that); found by the
            // hash alone through the plain index: a SHA-256 of a random token does not repeat.
            e.HasIndex(f => new { f.WorkspaceId, f.TokenHash }).IsUnique();
            e.HasIndex(f => f.TokenHash).HasDatabaseName("ix_calendar_feed_token");
            e.Property(f => f.TokenHash).HasMaxLength(64);
            e.HasOne<Membership>().WithMany().HasForeignKey(f => new { f.WorkspaceId, f.UserId }).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
