package io.showfloor.commerce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.Eventually;
import io.showfloor.testing.Mailbox;
import io.showfloor.testing.Shop;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "Receipts and notices name people by display name; partnership invites reach the creator")
class DisplayNamesTest {
  private static JsonObject notice(TestUser user, String kind) {
    return user.api().get("/api/me/notifications").expect(200).json().getJsonArray("items").stream()
        .map(JsonObject.class::cast)
        .filter(n -> kind.equals(n.getString("kind")))
        .findFirst()
        .orElse(null);
  }

  private static String text(JsonObject mail) {
    return mail.encode();
  }

  @Test
  @DisplayName(
      "the receipt and the shipping mail name the seller, and the seller's new-order notice names the buyer, never 'seller 4'")
  void receiptNamesTheSeller() {
    TestUser seller = Users.create("seller");
    TestUser buyer = Users.create();
    long productId =
        seller
            .api()
            .post(
                "/api/products",
                new JsonObject()
                    .put("title", "Brass compass")
                    .put("description", "")
                    .put("category", "maps")
                    .put("priceCents", 2_500)
                    .put("quantity", 2)
                    .put("imageUrls", new JsonArray()))
            .expect(201)
            .json()
            .getLong("id");
    Shop.add(buyer, productId, 1);
    JsonObject paid = Shop.checkout(buyer, "pm_card_visa");
    long orderId = paid.getJsonArray("orders").getJsonObject(0).getLong("id");

    JsonObject receipt = Mailbox.await(buyer.email(), "receipt");
    assertTrue(text(receipt).contains("from " + seller.displayName()), text(receipt));
    assertFalse(
        text(receipt).contains("seller " + seller.id()), "no seller by number: " + text(receipt));

    Eventually.until(() -> notice(seller, "order_paid") != null, "the seller hears of the order");
    assertEquals(
        buyer.displayName(),
        notice(seller, "order_paid").getJsonObject("payload").getString("buyerName"));

    seller
        .api()
        .post(
            "/api/orders/" + orderId + "/ship",
            new JsonObject().put("carrier", "UPS").put("trackingNumber", "1Z999"))
        .expect(200);
    JsonObject shipped = Mailbox.await(buyer.email(), "has shipped");
    assertTrue(
        shipped.getString("subject").contains("from " + seller.displayName()),
        shipped.getString("subject"));
  }

  @Test
  @DisplayName(
      "a partnership invite reaches the invited creator as a notice and a mail naming the seller; the seller hears the answer by the creator's name")
  void partnershipInviteReachesCreator() {
    TestUser seller = Users.create("seller");
    TestUser creator = Users.create("creator");
    JsonObject invite =
        seller
            .api()
            .post(
                "/api/partnerships",
                new JsonObject()
                    .put("creatorId", creator.id())
                    .put("commissionBps", 1250)
                    .put("note", "Feature my maps"))
            .expect(201)
            .json();
    long id = invite.getLong("id");
    assertEquals(seller.displayName(), invite.getString("sellerName"));
    assertEquals(creator.displayName(), invite.getString("creatorName"));

    Eventually.until(
        () -> notice(creator, "partnership_invited") != null, "the creator is notified");
    JsonObject payload = notice(creator, "partnership_invited").getJsonObject("payload");
    assertEquals(id, payload.getLong("partnershipId"));
    assertEquals(seller.displayName(), payload.getString("sellerName"));
    assertEquals(1250, payload.getInteger("commissionBps"));
    JsonObject mail = Mailbox.await(creator.email(), "invites you to a partnership");
    assertTrue(
        mail.getString("subject").startsWith(seller.displayName()), mail.getString("subject"));
    assertTrue(text(mail).contains("12.5%") && text(mail).contains("Feature my maps"), text(mail));

    JsonObject listed = creator.api().get("/api/partnerships").expect(200).array().getJsonObject(0);
    assertEquals(seller.displayName(), listed.getString("sellerName"));

    // a refused invite tells nobody anything
    seller
        .api()
        .post(
            "/api/partnerships",
            new JsonObject().put("creatorId", creator.id()).put("commissionBps", 900))
        .expectProblem(409, "partnership_exists");
    assertEquals(
        1,
        Mailbox.mailsTo(creator.email()).stream()
            .filter(m -> m.getString("subject").contains("invites you"))
            .count());

    creator.api().post("/api/partnerships/" + id + "/accept").expect(200);
    Eventually.until(
        () -> notice(seller, "partnership_accepted") != null, "the seller hears the answer");
    assertEquals(
        creator.displayName(),
        notice(seller, "partnership_accepted").getJsonObject("payload").getString("byName"));
  }
}
