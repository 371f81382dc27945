def test_home_page_renders(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert b"Find work you want" in response.content


def test_signup_creates_candidate_and_logs_in(client, db):
    response = client.post(
        "/accounts/signup/",
        {
            "full_name": "New Person",
            "email": "New@Example.com",
            "role": "candidate",
            "password1": "a-long-unusual-passphrase",
            "password2": "a-long-unusual-passphrase",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/dashboard/"
    page = client.get("/dashboard/")
    assert b"Welcome, New" in page.content
